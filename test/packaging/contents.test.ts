/**
 * What the package users install carries, read from `npm pack --dry-run` (offline, and without
 * `prepare`: the listing follows package.json's `files` over what the build wrote): the built provider,
 * and none of the repository's tools, tests or vendored spec. userProject.test.ts packs it for real.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import { ROOT } from "../engine/stacks";

describe("the package's contents (npm pack --dry-run)", function () {
    this.timeout(120_000);

    it("hold the built provider and neither the emulator nor any test, benchmark, script, example or spec file", () => {
        // npm as a user runs it, without the npm_* variables of an `npm test` this may run under.
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
        const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const [listing] = JSON.parse(json.slice(json.indexOf("["))) as { files: { path: string }[] }[];
        const files = listing.files.map((f) => f.path);
        assert.ok(files.includes("dist/provider/index.js") && files.includes("dist/provider/runtime.js"), "the built provider is in it");
        assert.deepStrictEqual(files.filter((f) => /^(dist\/)?(emulator|test|bench|scripts|examples|azure-spec|docs)\//.test(f)), [], "nothing of the repository's tools, tests or spec");
        assert.deepStrictEqual(files.filter((f) => !f.startsWith("dist/provider/") && !["README.md", "LICENSE", "package.json"].includes(f)), []);
    });
});
