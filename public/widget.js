// Modal Atlas widgets for pages you control. Load this script from the Modal Atlas site, then
// write, for example:
//   <script src="https://ATLAS-SITE/widget.js" defer></script>
//   <modal-atlas-widget tool="cron" expr="0 8 * * *" tz="UTC"></modal-atlas-widget>
//   <modal-atlas-widget tool="page" page="gpus" section="pricing" theme="dark"></modal-atlas-widget>
// Attributes: tool (cron, calculator, playground, search or page), page (a page's slug, with
// tool="page"), section (an anchor on that page), theme (light, dark or auto), fragment (what
// follows # in the tool's URL, such as the playground's code=...), title (the frame's accessible
// name), height (pixels until the embed reports its own); every other attribute but id, class and
// style is passed to the tool as a URL parameter, under the same names the full tool uses.
// The element makes an iframe of the embed and sizes it to the height the embed reports; it
// accepts that report only from the Modal Atlas origin and from its own iframe.
(function () {
  var script = document.currentScript;
  if (!script || window.customElements.get("modal-atlas-widget")) return;
  var atlas = new URL(".", script.src);
  // Attributes of the element itself; every other one is a parameter of the tool.
  var OWN = ["tool", "page", "section", "fragment", "title", "height", "id", "class", "style"];
  var TOOLS = ["cron", "calculator", "playground", "search"];
  // A page's name is its slug: anything else (`../../cron`, `a/b`) could name another route.
  var PAGE = /^[a-z0-9][a-z0-9_-]*$/;
  var MAX_HEIGHT = 20000;

  /** The embed's URL, or a sentence saying which attribute is wrong. */
  function embedUrl(element) {
    var tool = element.getAttribute("tool") || "";
    var path;
    if (tool === "page") {
      var page = element.getAttribute("page") || "index";
      if (!PAGE.test(page)) return "the page attribute must be a page's name, such as gpus (lower-case letters, digits, - and _).";
      path = "embed/page/" + page + "/";
    } else if (TOOLS.indexOf(tool) >= 0) path = "embed/" + tool + "/";
    else return "the tool attribute must be one of " + TOOLS.concat("page").join(", ") + ".";
    var url = new URL(path, atlas);
    Array.prototype.forEach.call(element.attributes, function (attribute) {
      if (OWN.indexOf(attribute.name) < 0) url.searchParams.set(attribute.name, attribute.value);
    });
    var hash = tool === "page" ? element.getAttribute("section") : element.getAttribute("fragment");
    if (hash) url.hash = hash;
    return url;
  }

  class ModalAtlasWidget extends HTMLElement {
    connectedCallback() {
      if (this.frame) return;
      var url = embedUrl(this);
      if (typeof url === "string") {
        this.textContent = "Modal Atlas widget: " + url;
        return;
      }
      this.frame = document.createElement("iframe");
      this.frame.src = url.href;
      this.frame.title = this.getAttribute("title") || "Modal Atlas: " + (this.getAttribute("tool") || "");
      this.frame.loading = "lazy";
      var height = parseInt(this.getAttribute("height"), 10);
      if (!(height > 0 && height <= MAX_HEIGHT)) height = 480;
      this.frame.style.cssText = "display:block;width:100%;border:0;height:" + height + "px";
      this.append(this.frame);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== atlas.origin) return;
    var data = event.data;
    if (!data || data.type !== "modal-atlas:height" || typeof data.height !== "number") return;
    if (!(data.height > 0 && data.height <= MAX_HEIGHT)) return;
    var widgets = document.querySelectorAll("modal-atlas-widget");
    for (var i = 0; i < widgets.length; i++) {
      var frame = widgets[i].frame;
      if (frame && frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + "px";
    }
  });

  window.customElements.define("modal-atlas-widget", ModalAtlasWidget);
})();
