// A static file server for the built site, like a static host: serves DIR under BASE, answers
// /route/ with route/index.html, redirects /route to /route/, and unknown paths with 404.html
// and status 404. Like Netlify and Cloudflare Pages, it sends the headers DIR/_headers gives
// each file (every rule matching the file's own path applies; a header set by two rules gets
// both values, joined by a comma). With `--compress`, it sends brotli or gzip to clients that accept them, as a
// production host does; measurements of load speed (Lighthouse) use it, the tests do not.
// Usage: node tests/server.mjs --dir dist [--base /atlas/] [--port 8080] [--compress]
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
};

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const root = resolve(option("dir", "dist"));
const base = `/${option("base", "/").replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
const port = Number(option("port", "8080"));
const host = "127.0.0.1";
const compress = process.argv.includes("--compress");
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".wasm", ".json", ".svg", ".txt", ".xml", ".webmanifest", ".bin"]);

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : info.isDirectory() ? "dir" : null;
  } catch {
    return null;
  }
}

// `_headers`: a path pattern (`*` matches anything) at the start of a line, then its headers,
// indented. Read on every request, so a test may swap the build being served.
async function headerRules() {
  let text;
  try {
    text = await readFile(join(root, "_headers"), "utf8");
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: [] });
    } else if (rules.length) {
      const at = line.indexOf(":");
      if (at > 0) rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

// Compressed bodies by encoding and file content, so a measured load is not slowed by the
// server compressing the same file again (a host compresses once, ahead of time).
const compressed = new Map();

/** The body as the client accepts it: brotli, else gzip, else as it is. */
function encoded(req, path, body, headers) {
  if (!compress || !COMPRESSIBLE.has(extname(path))) return body;
  const accepted = req.headers["accept-encoding"] ?? "";
  headers.vary = "accept-encoding";
  const encoding = /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
  if (!encoding) return body;
  headers["content-encoding"] = encoding;
  const key = `${encoding} ${createHash("sha1").update(body).digest("hex")}`;
  if (!compressed.has(key)) {
    const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
    compressed.set(key, encoding === "br" ? brotliCompressSync(body, quality) : gzipSync(body, { level: 9 }));
  }
  return compressed.get(key);
}

/** The path `file` has on the site: rules match it, not the request's path, which may reach the
 * same file as `/cron//` or `/embed/page/..%2F..%2Fcron/` and must not escape the file's own rules. */
function sitePath(file) {
  return base + relative(root, file).split(sep).join("/");
}

async function send(req, res, status, path) {
  const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream" };
  const body = encoded(req, path, await readFile(path), headers);
  const served = sitePath(path);
  for (const rule of await headerRules()) {
    if (!rule.pattern.test(served)) continue;
    for (const [name, value] of rule.headers) headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  res.writeHead(status, headers);
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${host}`);
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    const inside = pathname.startsWith(base) ? pathname.slice(base.length) : null;
    const target = inside === null ? null : resolve(root, inside);
    if (target && (target === root || target.startsWith(root + sep))) {
      const found = await fileAt(target);
      if (found === "dir") {
        if (!pathname.endsWith("/")) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        if (await fileAt(join(target, "index.html"))) return send(req, res, 200, join(target, "index.html"));
      } else if (found) {
        return send(req, res, 200, found);
      }
    }
    if (await fileAt(join(root, "404.html"))) return send(req, res, 404, join(root, "404.html"));
    res.writeHead(404).end("not found");
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host}:${port}${base}`);
});
