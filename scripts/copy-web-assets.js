// Copy the installed front-end assets into the Python package, where `gauntlet serve` serves them from.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const vendor = path.join(root, "src", "gauntlet", "web", "static", "vendor");
const assets = [["node_modules/htmx.org/dist/htmx.min.js", "htmx.min.js"]];

fs.mkdirSync(vendor, { recursive: true });
for (const [from, to] of assets) {
  fs.copyFileSync(path.join(root, from), path.join(vendor, to));
  console.log(`copied ${from} -> src/gauntlet/web/static/vendor/${to}`);
}
