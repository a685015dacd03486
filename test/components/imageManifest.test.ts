/** A GoldenImage manifest's checks: each mistake named by its path in the manifest, and its entry's version. */
import * as assert from "assert";
import { ImageManifestEntry, checkImageManifest, imageManifestProblems, parseImageManifest } from "../../provider";

const SOURCE = (build: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/builds/providers/Microsoft.Compute/images/${build}`;
const entry = (version: string, more: Record<string, unknown> = {}): ImageManifestEntry =>
    ({ version, source: SOURCE(`build-${version}`), regions: [{ name: "westus" }], ...more }) as ImageManifestEntry;

describe("GoldenImage manifest checks", () => {
    it("a right manifest has no problem, in any order of its entries", () => {
        const m = { versions: [entry("1.2.0"), entry("1.0.0", { excludeFromLatest: true, endOfLife: "2030-12-31" }), entry("1.10.0", { regions: [{ name: "eastus", replicas: 3, zoneRedundant: true }] })] };
        assert.deepStrictEqual(imageManifestProblems(m), []);
        assert.strictEqual(checkImageManifest(m, "images.json"), m);
    });

    it("names each mistake by its path, with the entry's version after it", () => {
        const problems = imageManifestProblems({
            versions: [
                entry("1.0.0"),
                entry("1.1.0", { regions: [{ name: "westus" }, { replicas: 2 }, { name: "eastus", replicas: 1.5, zoneRedundant: "yes", zone: 1 }] }),
                entry("1.2.0", { endOfLife: "2027-02-30", excludeFromLatest: "true" }),
                entry("1.3.0", { source: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/snapshots/z", regions: [] }),
            ],
        });
        assert.deepStrictEqual(problems, [
            'versions[1].regions[1].name (1.1.0): required, a region such as "westus"',
            "versions[1].regions[2].zone (1.1.0): not a field here (fields: name, replicas, zoneRedundant)",
            "versions[1].regions[2].replicas (1.1.0): must be an integer, not 1.5",
            'versions[1].regions[2].zoneRedundant (1.1.0): must be a boolean, not "yes"',
            'versions[2].excludeFromLatest (1.2.0): must be a boolean, not "true"',
            'versions[2].endOfLife (1.2.0): "2027-02-30" is not a date (2027-06-30)',
            'versions[3].source (1.3.0): "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/snapshots/z" is not a managed image id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/images/…)',
            'versions[3].regions (1.3.0): required, a list of at least one region ({ "name": "westus", "replicas": 2 })',
        ]);
    });

    it("takes Azure's rule on version names, and refuses leading zeros, which would let two names be one version", () => {
        const problems = imageManifestProblems({ versions: [entry("1.0"), entry("1.0.2147483648"), entry("1.01.0"), { source: SOURCE("x"), regions: [{ name: "westus" }] }] });
        assert.deepStrictEqual(problems, [
            'versions[0].version (1.0): "1.0" must be major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)',
            'versions[1].version (1.0.2147483648): "1.0.2147483648" must be major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)',
            'versions[2].version (1.01.0): "1.01.0" has a leading zero; write each part without one',
            'versions[3].version: required, a string such as "1.2.0"',
        ]);
    });

    it("across entries: a version listed twice, a build's image published twice, a misspelt field, and none left in latest", () => {
        const problems = imageManifestProblems({
            versions: [entry("1.0.0", { excludeFromLatest: true }), { ...entry("1.0.0", { excludeFromLatest: true }), exludeFromLatest: false }, entry("1.1.0", { source: SOURCE("build-1.0.0").toUpperCase(), excludeFromLatest: true })],
        });
        assert.deepStrictEqual(problems, [
            "versions[1].exludeFromLatest (1.0.0): not a field here (fields: version, source, regions, excludeFromLatest, endOfLife)",
            "versions[1].version (1.0.0): 1.0.0 is already versions[0] (1.0.0); each version is published once",
            "versions[1].source (1.0.0): the same image as versions[0] (1.0.0); each build publishes its own image",
            "versions[2].source (1.1.0): the same image as versions[0] (1.0.0); each build publishes its own image",
            "versions: every entry has excludeFromLatest: true, so a VM that asks for the latest version would find none; keep at least one in latest",
        ]);
    });

    it("the manifest's own shape: an object with at least one entry, each an object", () => {
        assert.deepStrictEqual(imageManifestProblems([]), ['the manifest must be an object { "versions": [ … ] }']);
        assert.deepStrictEqual(imageManifestProblems({ versions: [], severalInLatest: true }), [
            "severalInLatest: not a field here (fields: versions)",
            "versions: required, a list of at least one entry (retiring every version is pulumi destroy)",
        ]);
        assert.deepStrictEqual(imageManifestProblems({ versions: [entry("1.0.0"), "1.1.0"] }), ['versions[1]: must be an object { "version": …, "source": …, "regions": [ … ] }']);
    });

    it("throws every mistake at once under its label; JSON text is read first, naming the file", () => {
        assert.throws(() => checkImageManifest({ versions: [entry("1.0"), entry("1.1.0", { regions: [{}] })] }, 'GoldenImage "app": the manifest'), {
            message: 'GoldenImage "app": the manifest: 2 mistakes:\n  versions[0].version (1.0): "1.0" must be major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)\n  versions[1].regions[0].name (1.1.0): required, a region such as "westus"',
        });
        assert.throws(() => parseImageManifest("{ versions: [] }", "images.json"), /^Error: images\.json is not JSON: /);
        assert.throws(() => parseImageManifest('{ "versions": [] }', "images.json"), { message: "images.json: a mistake:\n  versions: required, a list of at least one entry (retiring every version is pulumi destroy)" });
        assert.deepStrictEqual(parseImageManifest(JSON.stringify({ versions: [entry("1.0.0")] }), "images.json").versions[0].version, "1.0.0");
    });
});
