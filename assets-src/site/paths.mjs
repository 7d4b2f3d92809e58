// The one place the browser code knows the site's page paths: a module's page is
// `module/<id>/` under the course's root, as generator/rufbereit/render/pages.py writes it.
export const MODULE_DIR = "module/";
// The page of module `id` under `root` (the course's root URL, with its closing slash).
export const modulePage = (root, id) => root + MODULE_DIR + encodeURIComponent(id) + "/";
// The module whose page `pathname` is, or null.
export function moduleOfPath(pathname) {
  const hit = new RegExp(MODULE_DIR.replace("/", "\\/") + "([^/]+)\\/$").exec(pathname || "");
  return hit ? decodeURIComponent(hit[1]) : null;
}
