// A static file server for the built site, like a static host: serves DIR under BASE, answers
// /route/ with route/index.html, redirects /route to /route/, and unknown paths with 404.html
// and status 404. Usage: node tests/server.mjs --dir dist [--base /atlas/] [--port 8080]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

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

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : info.isDirectory() ? "dir" : null;
  } catch {
    return null;
  }
}

async function send(res, status, path) {
  const body = await readFile(path);
  res.writeHead(status, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
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
        if (await fileAt(join(target, "index.html"))) return send(res, 200, join(target, "index.html"));
      } else if (found) {
        return send(res, 200, found);
      }
    }
    if (await fileAt(join(root, "404.html"))) return send(res, 404, join(root, "404.html"));
    res.writeHead(404).end("not found");
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});

server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host}:${port}${base}`);
});
