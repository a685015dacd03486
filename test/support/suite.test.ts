/**
 * The suite `npm test` runs: `.mocharc.json` lists its files as globs, ordered so that the long
 * files start first (CONTRIBUTING, Tests). Mocha's own collection of those globs must find every
 * compiled test file exactly once: mocha runs a file twice when two globs match it, and silently
 * skips one that no glob matches, as a file in a new folder would be.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");

interface CollectOptions {
    spec: string[];
    ignore: string[];
    extension: string[];
    file: string[];
    recursive: boolean;
    sort: boolean;
}
/** Mocha's reading of its config and collection of a run's spec files, as `mocha` itself calls them. */
const { loadOptions } = require("mocha/lib/cli") as { loadOptions(argv: string[]): { _?: string[]; extension?: string[]; ignore?: string[] } };
const collectFiles = require("mocha/lib/cli/collect-files") as (opts: CollectOptions) => { files: string[] };

/** The files mocha runs, in order, for `.mocharc.json`'s spec (its positional globs) taken from `root`. */
function collected(root: string): string[] {
    const options = loadOptions(["--config", path.join(ROOT, ".mocharc.json"), "--no-package"]);
    const spec = (options._ ?? []).map((p) => path.posix.join(root, p));
    const { files } = collectFiles({ spec, ignore: options.ignore ?? [], extension: options.extension ?? [], file: [], recursive: false, sort: false });
    return files.map((f) => path.relative(root, f).split(path.sep).join("/"));
}

/** Every compiled test file under `root`'s dist/test, relative to `root`. */
function onDisk(root: string): string[] {
    const dir = path.join(root, "dist", "test");
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => f.endsWith(".test.js"))
        .map((f) => path.posix.join("dist/test", f.split(path.sep).join("/")));
}

/** Files that mocha would run more than once, and files on disk it would not run. */
function mismatch(root: string): { twice: string[]; missing: string[] } {
    const files = collected(root);
    return { twice: files.filter((f, i) => files.indexOf(f) !== i), missing: onDisk(root).filter((f) => !files.includes(f)) };
}

describe("the suite's files (.mocharc.json)", function () {
    it("mocha collects every compiled test file exactly once, the packaging test first", () => {
        assert.deepStrictEqual(mismatch(ROOT), { twice: [], missing: [] });
        assert.match(collected(ROOT)[0], /^dist\/test\/packaging\//);
    });

    it("a test file added later, in a new folder or beside the others, is collected exactly once", () => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "suite-"));
        try {
            const added = [
                "dist/test/top.test.js",
                "dist/test/newfolder/a.test.js",
                "dist/test/newfolder/deeper/b.test.js",
                "dist/test/engine/newfolder/c.test.js",
                "dist/test/engine/faultsMore.test.js",
                // Named as a file the globs list first, in a folder below it.
                "dist/test/engine/newfolder/faults.test.js",
                "dist/test/provider/newfolder/unsettled.test.js",
                "dist/test/emulator/newfolder/sdk.test.js",
                "dist/test/provider/newfolder/d.test.js",
                "dist/test/provider/more.test.js",
                "dist/test/packaging/newfolder/e.test.js",
            ];
            for (const f of [...onDisk(ROOT), ...added]) {
                fs.mkdirSync(path.dirname(path.join(scratch, f)), { recursive: true });
                fs.writeFileSync(path.join(scratch, f), "");
            }
            assert.deepStrictEqual(mismatch(scratch), { twice: [], missing: [] });
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });
});
