// The Hub's own cache scanner, for comparison: `scanCacheDir` of npm
// @huggingface/hub lists every repository, revision and file of a cache
// (sizes, links) and reads no license. Prints the counts it found.
//
//   node bench/scan_cache_dir.mjs CACHE_DIR   (NODE_PATH: where @huggingface/hub is)
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), "x.js"));
const { scanCacheDir } = require("@huggingface/hub");
const info = await scanCacheDir(process.argv[2]);
let revisions = 0;
for (const repo of info.repos) revisions += repo.revisions.length;
console.log(`${info.repos.length} repositories, ${revisions} revisions, ${info.size} bytes`);
