/**
 * Which modules each part of the package loads, read from the compiled JavaScript (what Node really
 * requires: imports of types alone are gone by then). A user's program imports the resource classes
 * and must load no Azure SDK; check and diff must not be able to reach the HTTP client; and the
 * field tables reach nothing but each other.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const dist = path.resolve(__dirname, "../../provider");

/** A relative require as Node resolves it: the file, or the folder's index. */
const local = (target: string) => (fs.existsSync(`${target}.js`) ? `${target}.js` : path.join(target, "index.js"));

/** The modules a compiled file requires at load time: package names, or other files of the package. */
function requires(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    // A require inside a function body runs only when it is called: the shims stored in state reach
    // the runtime inside the host, never in the program.
    const topLevel = text.split("\n").filter((line) => !/^\s{4,}/.test(line) || /^\s{4,}(const|var|let) \w+ = require/.test(line)).join("\n");
    return [...topLevel.matchAll(/require\("([^"]+)"\)/g)].map((m) => (m[1].startsWith(".") ? local(path.resolve(path.dirname(file), m[1])) : m[1]));
}

/** Everything loading `entry` loads, transitively, within the package; packages by name. */
function closure(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        if (file.endsWith(".js")) for (const r of requires(file)) visit(r);
    };
    visit(entry);
    return seen;
}

const rel = (f: string) => (path.isAbsolute(f) ? path.relative(dist, f) : f);
const azureSdk = (m: string) => m.startsWith("@azure/");

describe("what each part of the package loads", () => {
    it("a program importing the resource classes loads no Azure SDK module (checked in a fresh process)", () => {
        const entry = path.join(dist, "index.js");
        const loaded = execFileSync(process.execPath, ["-e", `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`], { encoding: "utf8" });
        const azure = (JSON.parse(loaded) as string[]).filter((m) => /[\\/]@azure[\\/]/.test(m));
        assert.deepStrictEqual(azure, [], `loaded: ${azure.slice(0, 5).join(", ")}`);
    });

    it("the components import only the resource classes, the field tables, each other, @pulumi/pulumi and semver", () => {
        const files = fs.readdirSync(path.join(dist, "components")).filter((f) => f.endsWith(".js"));
        assert.ok(files.includes("goldenImage.js"), files.join(", "));
        for (const file of files) {
            const outside = requires(path.join(dist, "components", file)).filter((m) => !(path.isAbsolute(m) && /^(resources|schema|components)\//.test(rel(m))) && m !== "@pulumi/pulumi" && m !== "semver");
            assert.deepStrictEqual(outside.map(rel), [], `components/${file}`);
        }
        // What a program loads with the package (the first test) includes them, through the package's index.
        assert.ok(closure(path.join(dist, "index.js")).has(path.join(dist, "components", "goldenImage.js")));
    });

    it("the resource classes and the field tables import only the field tables (and @pulumi/pulumi)", () => {
        for (const dir of ["resources", "schema"]) {
            for (const file of fs.readdirSync(path.join(dist, dir)).filter((f) => f.endsWith(".js"))) {
                const outside = requires(path.join(dist, dir, file)).filter((m) => !(path.isAbsolute(m) && rel(m).startsWith("schema/")) && !(dir === "resources" && (m === "@pulumi/pulumi" || rel(m).startsWith("resources/"))));
                assert.deepStrictEqual(outside.map(rel), [], `${dir}/${file}`);
            }
        }
    });

    it("check and diff cannot reach the HTTP client or the Azure SDK", () => {
        const reached = [...closure(path.join(dist, "lifecycle/preview.js"))].map(rel);
        assert.deepStrictEqual(reached.filter((m) => azureSdk(m) || m === "azure/client.js" || m === "azure/credentials.js" || m === "lifecycle/operation.js"), []);
    });

    it("the gallery functions a program imports reach the SDK only when called: their Azure side is loaded inside the call", () => {
        const reached = [...closure(path.join(dist, "functions/latest.js"))].map(rel);
        assert.deepStrictEqual(reached.filter((m) => azureSdk(m) || m.startsWith("azure/") || m === "functions/reading.js"), []);
        assert.ok(reached.includes("functions/latest.js") && closure(path.join(dist, "index.js")).has(path.join(dist, "functions/latest.js")), "the package exports them");
        const called = [...closure(path.join(dist, "functions/reading.js"))].map(rel);
        assert.ok(called.includes("@azure/arm-compute") && called.includes("azure/client.js"), called.join(", "));
        assert.match(fs.readFileSync(path.join(dist, "functions/latest.js"), "utf8"), /import\(|require\("\.\/reading"\)/, "latest.js loads reading.js somewhere");
    });

    it("the functions (functions/) load the Azure SDK only when called: none at import (fresh process)", () => {
        // The function modules a program's import loads (reading.js, their Azure side, is loaded inside a call).
        const imported = [...closure(path.join(dist, "index.js"))].map(rel).filter((m) => m.startsWith("functions/"));
        assert.ok(imported.includes("functions/restore.js") && imported.includes("functions/shared.js"), imported.join(", "));
        for (const file of imported.map((m) => m.slice("functions/".length))) {
            const eager = requires(path.join(dist, "functions", file)).filter((m) => azureSdk(m) || (path.isAbsolute(m) && !rel(m).startsWith("functions/") && !rel(m).startsWith("schema/") && !["config.js", "armIds.js"].includes(rel(m))));
            assert.deepStrictEqual(eager.map(rel), [], `functions/${file} loads at import`);
        }
        const entry = path.join(dist, "index.js");
        const script = `const p = require(${JSON.stringify(entry)});
const azure = () => Object.keys(require.cache).filter((m) => /[\\/]@azure[\\/]/.test(m)).length;
const before = azure();
p.listSoftDeletedImageVersions({ resourceGroupName: "rg", galleryName: "g", galleryImageName: "i" }).then(
    () => console.log(JSON.stringify({ before, error: "none" })),
    (e) => console.log(JSON.stringify({ before, after: azure(), error: e.message })),
);`;
        // No subscription anywhere: the call stops at the client, before any request.
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/SUBSCRIPTION_ID$|^PULUMI_CONFIG$/.test(k)));
        const seen = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env })) as { before: number; after?: number; error: string };
        assert.strictEqual(seen.before, 0, "loaded at import");
        assert.match(seen.error, /No Azure subscription/);
    });

    it("the host loads no Azure SDK module for a preview, and the SDK once when a call reaches Azure (checked in a fresh process)", () => {
        // What the host does: the runtime by package name (every serialized shim, of every kind and
        // form, requires the same module), configure, then check and diff; then a client for a create.
        const script = `
            const runtime = require(${JSON.stringify(path.join(dist, "runtime.js"))});
            const azure = () => Object.keys(require.cache).filter((m) => /[\\\\/]@azure[\\\\/]/.test(m));
            (async () => {
                await runtime.shim(0, [{ config: { get: () => undefined } }]);
                const news = { __urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImage::i", resourceGroupName: "rg", galleryName: "g", galleryImageName: "i", location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } };
                const { inputs } = await runtime.shim(0, [{}, news]);
                await runtime.shim(0, ["id", inputs, inputs]);
                const preview = azure();
                const { computeClient } = require(${JSON.stringify(path.join(dist, "azure/client.js"))});
                for (let i = 0; i < 3; i++) computeClient({ subscriptionId: "s", accessToken: "t" });
                const main = require.resolve("@azure/arm-compute");
                console.log(JSON.stringify({ preview, sdkEntries: azure().filter((m) => m === main).length, identity: azure().filter((m) => /identity/.test(m)).length }));
            })();`;
        const seen = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { preview: string[]; sdkEntries: number; identity: number };
        assert.deepStrictEqual(seen.preview, [], "configure, check and diff load no Azure module");
        assert.strictEqual(seen.sdkEntries, 1, "three clients, one @azure/arm-compute");
        assert.strictEqual(seen.identity, 0, "a stack that gives an access token never loads @azure/identity");
    });

    it("the runtime the host loads does reach the SDK (the test above would notice nothing otherwise)", () => {
        const reached = [...closure(path.join(dist, "runtime.js"))].map(rel);
        assert.ok(reached.includes("@azure/arm-compute") && reached.includes("azure/client.js"), reached.join(", "));
    });
});
