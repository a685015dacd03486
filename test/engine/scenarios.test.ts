/**
 * `pulumi preview / up / refresh / destroy` of the example stacks, the way the engine runs them:
 * the program on the real runtime, the provider inside Pulumi's real dynamic-provider host, Azure
 * played by the emulator. Each scenario asserts what a user sees (the plan) and what Azure saw
 * (the emulator's request log). This file plays the golden-image example's life; demoBuilds and
 * replacements hold the other scenarios, so that they run beside it.
 */
import * as assert from "assert";
import type { ImageManifestEntry, ImageManifestRegion } from "../../provider";
import { ArmEmulator } from "../../emulator/server";
import { armId, startTestEmulator } from "../support/emulator";
import { EngineDriver } from "./driver";
import { changeLine } from "./jsonDiff";
import { changed, diffOf, name, ok, plan, writesIn } from "./runs";
import { ManifestFile, goldenVersionIn as versionIn, managedImage, publishBuild, registerBuildImages, stack } from "./stacks";

const REGIONS = [
    { name: "westus", replicas: 2 },
    { name: "eastus", replicas: 1, zoneRedundant: true },
    { name: "northeurope", replicas: 1, zoneRedundant: true },
];
const entry = (version: string, build: string, more: Partial<ImageManifestEntry> = {}): ImageManifestEntry => ({ version, source: managedImage(build), regions: REGIONS, ...more });

describe("engine scenarios: the golden-image example through the real dynamic-provider host", function () {
    let emulator: ArmEmulator;
    let golden: EngineDriver;
    let manifest: ManifestFile;
    const writes = (from: number) => writesIn(emulator, from);

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 100 });
        registerBuildImages(emulator, ["build-10", "build-11", "build-11-rebuilt", "build-12"].map(managedImage));
        manifest = new ManifestFile({ versions: [entry("1.0.0", "build-10", { excludeFromLatest: true }), entry("1.1.0", "build-11")] });
        golden = stack("golden-image", emulator, { manifest: manifest.path });
    });
    after(() => emulator.stop());

    it("a bad input fails at preview, naming the resource, the field and the rule, with no request to Azure", async () => {
        const past = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const file = new ManifestFile({ versions: [entry("1.1.0", "x", { regions: [{ name: "westus", replicas: 0 }], endOfLife: past })] });
        const bad = stack("golden-image", emulator, { manifest: file.path });
        const at = emulator.requests.length;
        const r = await bad.preview();
        assert.match(String(r.error), /ubuntu-1\.1\.0: .*publishingProfile\.targetRegions\[0\]\.regionalReplicaCount .*at least 1, not 0/);
        assert.match(String(r.error), /publishingProfile\.endOfLifeDate must be in the future/);
        assert.strictEqual(emulator.requests.length - at, 0, "preview made no request");
        assert.strictEqual((await bad.up()).error?.includes("at least 1, not 0"), true, "up stops at the same check");
        assert.strictEqual(emulator.writes(at).length, 0);
    });

    it("a manifest mistake fails at preview naming the entry and the field, with no request to Azure", async () => {
        const file = new ManifestFile({
            versions: [
                entry("1.0.0", "build-10", { excludeFromLatest: true }),
                entry("1.1", "build-11"),
                { ...entry("1.0.0", "build-12"), exludeFromLatest: true } as ImageManifestEntry,
                entry("0.9.0", "build-10", { regions: [{ name: "westus" }, { replicas: 2 } as ImageManifestRegion] }),
            ],
        });
        const s = stack("golden-image", emulator, { manifest: file.path });
        const at = emulator.requests.length;
        const error = String((await s.preview()).error);
        for (const mistake of [
            /images\.json: 5 mistakes/,
            /versions\[1\]\.version \(1\.1\): "1\.1" must be major\.minor\.patch/,
            /versions\[2\]\.exludeFromLatest \(1\.0\.0\): not a field here/,
            /versions\[2\]\.version \(1\.0\.0\): 1\.0\.0 is already versions\[0\] \(1\.0\.0\); each version is published once/,
            /versions\[3\]\.regions\[1\]\.name \(0\.9\.0\): required, a region such as "westus"/,
            /versions\[3\]\.source \(0\.9\.0\): the same image as versions\[0\] \(1\.0\.0\)/,
        ]) {
            assert.match(error, mistake);
        }
        assert.doesNotMatch(error, /ubuntu-/, "the program stopped before registering a version");

        // A region is judged by the provider's own table: the version resource is the entry, targetRegions[i] its regions[i].
        file.write({ versions: [entry("1.0.0", "build-10", { excludeFromLatest: true }), entry("1.1.0", "build-11", { regions: [{ name: "westus" }, { name: "eastu" }] })] });
        assert.match(String((await s.preview()).error), /ubuntu-1\.1\.0: publishingProfile\.targetRegions\[1\]\.name: .*"eastu" is not an Azure region \(did you mean "eastus"\?\)/);

        // Every entry out of latest, and a manifest that is not there.
        file.write({ versions: [entry("1.0.0", "build-10", { excludeFromLatest: true })] });
        assert.match(String((await s.preview()).error), /every entry has excludeFromLatest: true, so a VM that asks for the latest version would find none/);
        s.config["golden-images:manifest"] = `${file.path}.missing`;
        assert.match(String((await s.preview()).error), /cannot read the manifest .*images\.json\.missing \(stack config golden-images:manifest\)/);
        assert.strictEqual(emulator.requests.length - at, 0);
    });

    it("previews the example's own manifest as creates, without a request", async () => {
        const example = stack("golden-image", emulator, {});
        const at = emulator.requests.length;
        const r = await example.preview();
        ok(r);
        assert.deepStrictEqual(plan(r).sort(), ["create golden", "create ubuntu", "create ubuntu", "create ubuntu-1.0.0", "create ubuntu-1.1.0", "create windows-2022"]);
        assert.strictEqual(emulator.requests.length - at, 0);
        assert.strictEqual(example.state.size, 0);
    });

    it("up from empty creates everything, with the older version kept out of latest", async () => {
        const r = await golden.up();
        ok(r);
        assert.deepStrictEqual(plan(r).sort(), ["create golden", "create ubuntu", "create ubuntu", "create ubuntu-1.0.0", "create ubuntu-1.1.0", "create windows-2022"]);
        assert.deepStrictEqual(r.outputs.replication, ["West US: Completed", "East US: Completed", "North Europe: Completed"]);
        assert.strictEqual(r.outputs.latestVersion, "1.1.0");
        assert.strictEqual(versionIn(emulator, "1.0.0").properties.publishingProfile.excludeFromLatest, true);
        assert.strictEqual(versionIn(emulator, "1.1.0").properties.publishingProfile.excludeFromLatest, false);
        const state = JSON.stringify([...golden.state.values()]);
        assert.ok(!state.includes("stack-config-token"), "no credential in state");
        assert.strictEqual(emulator.service.count(), 5);
    });

    it("a second up with no change reports no change and makes no request that writes", async () => {
        const at = emulator.requests.length;
        const r = await golden.up();
        ok(r);
        assert.deepStrictEqual([...new Set(r.steps.map((s) => s.op))], ["same"]);
        assert.deepStrictEqual(writes(at), []);
        assert.strictEqual(emulator.requests.length - at, 0, "not even a read: check and diff decide from state");
    });

    it("Azure re-casing ids and naming regions by display name changes nothing: refresh, then up, writes nothing", async () => {
        emulator.service.echo = "recased";
        try {
            const refreshed = await golden.refresh();
            ok(refreshed);
            const at = emulator.requests.length;
            const r = await golden.up();
            ok(r);
            assert.deepStrictEqual([...new Set(r.steps.map((s) => s.op))], ["same"], JSON.stringify(r.steps.filter((s) => s.op !== "same")));
            assert.deepStrictEqual(writes(at), []);
            const v = [...golden.state.values()].find((x) => x.urn.endsWith("::ubuntu-1.1.0"));
            assert.match(JSON.stringify(v?.outputs), /microsoft\.compute\/images\/BUILD-11/, "the state holds Azure's spelling");
        } finally {
            emulator.service.echo = "asWritten";
            ok(await golden.refresh()); // back to the spelling the later scenarios expect
        }
    });

    it("a replica count and a new target region, edited in the manifest's entries, update the versions in place, never deleting one", async () => {
        const regions = [...REGIONS.map((x) => (x.name === "eastus" ? { ...x, replicas: 3 } : x)), { name: "swedencentral" }];
        manifest.edit((m) => ({ ...m, versions: m.versions.map((e) => ({ ...e, regions })) }));
        const preview = await golden.preview();
        ok(preview);
        assert.deepStrictEqual(preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${name(s.urn)} ${s.properties}`).sort(), [
            "update ubuntu-1.0.0 publishingProfile",
            "update ubuntu-1.1.0 publishingProfile",
        ]);
        assert.deepStrictEqual(diffOf(preview, "ubuntu-1.1.0"), [
            "~ publishingProfile.targetRegions[1].regionalReplicaCount: 1 => 3",
            '+ publishingProfile.targetRegions[3]: {"name":"swedencentral","regionalReplicaCount":1,"storageAccountType":"Standard_LRS"}',
        ]);
        const at = emulator.requests.length;
        ok(await golden.up({ skipPreview: true }));
        assert.deepStrictEqual(writes(at).sort(), ["PATCH golden_images/images/ubuntu-24_04-gen2/versions/1.0.0", "PATCH golden_images/images/ubuntu-24_04-gen2/versions/1.1.0"]);
        const v = emulator.service.get(armId("golden_images", "ubuntu-24_04-gen2", "1.1.0")) as { properties: { publishingProfile: { targetRegions: { name: string; regionalReplicaCount: number }[] } } };
        assert.deepStrictEqual(v.properties.publishingProfile.targetRegions.map((t) => `${t.name}=${t.regionalReplicaCount}`), ["West US=2", "East US=3", "North Europe=1", "Sweden Central=1"]);
    });

    it("an entry's source edited on purpose replaces its version: the old one is deleted first, since its name is fixed", async () => {
        manifest.edit((m) => ({ ...m, versions: m.versions.map((e) => (e.version === "1.1.0" ? { ...e, source: managedImage("build-11-rebuilt") } : e)) }));
        const preview = await golden.preview();
        const replaced = preview.steps.filter((s) => s.op !== "same");
        assert.deepStrictEqual(replaced.map((s) => ({ ...s, urn: name(s.urn), changes: s.changes?.map(changeLine) })), [
            { urn: "ubuntu-1.1.0", op: "replace", properties: ["storageProfile"], deleteBeforeReplace: true, changes: [`~ storageProfile.source.id: "${managedImage("build-11")}" => "${managedImage("build-11-rebuilt")}"`] },
        ]);
        const at = emulator.requests.length;
        const r = await golden.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(writes(at), ["DELETE golden_images/images/ubuntu-24_04-gen2/versions/1.1.0", "PUT golden_images/images/ubuntu-24_04-gen2/versions/1.1.0"]);
        assert.strictEqual(versionIn(emulator, "1.1.0").properties.storageProfile.source.id, managedImage("build-11-rebuilt"));
    });

    it("the builds' images deleted in Azure: the versions keep reporting their sources, and a refresh and an up plan nothing", async () => {
        for (const build of ["build-10", "build-11", "build-11-rebuilt"]) emulator.service.removeSource(managedImage(build));
        const at = emulator.requests.length;
        const refreshed = await golden.refresh();
        ok(refreshed);
        assert.deepStrictEqual(changed(refreshed), []);
        const r = await golden.up();
        ok(r);
        assert.deepStrictEqual(changed(r), []);
        assert.deepStrictEqual(writes(at), []);
        assert.strictEqual(versionIn(emulator, "1.1.0").properties.storageProfile.source.id, managedImage("build-11-rebuilt"));
    });

    it("the next build adds its version with progress reaching the engine's Log service; the one before leaves latest, the oldest goes", async () => {
        golden.config["azure-compute-gallery:progressIntervalSeconds"] = "0.2";
        manifest.edit((m) => publishBuild(m, entry("1.2.0", "build-12", { regions: m.versions[1].regions }), 1));
        emulator.timing.replicationMsPerRegion = 600;
        try {
            const preview = await golden.preview();
            ok(preview);
            assert.deepStrictEqual(changed(preview), ["create ubuntu-1.2.0", "delete ubuntu-1.0.0", "update ubuntu-1.1.0"]);
            assert.deepStrictEqual(diffOf(preview, "ubuntu-1.1.0"), ["~ publishingProfile.excludeFromLatest: false => true"], "its source, long deleted, is no change");
            const at = emulator.requests.length;
            const r = await golden.up({ skipPreview: true });
            const finished = Date.now();
            ok(r);
            assert.deepStrictEqual(changed(r), ["create ubuntu-1.2.0", "delete ubuntu-1.0.0", "update ubuntu-1.1.0"]);
            assert.deepStrictEqual(writes(at).sort(), [
                "DELETE golden_images/images/ubuntu-24_04-gen2/versions/1.0.0",
                "PATCH golden_images/images/ubuntu-24_04-gen2/versions/1.1.0",
                "PUT golden_images/images/ubuntu-24_04-gen2/versions/1.2.0",
            ]);
            assert.strictEqual(r.outputs.latestVersion, "1.2.0");
            assert.strictEqual(versionIn(emulator, "1.1.0").properties.publishingProfile.excludeFromLatest, true);
            const progress = r.logs.filter((l) => name(l.urn) === "ubuntu-1.2.0" && /replicating to 4 region/.test(l.message));
            assert.ok(progress.length >= 3, `several progress messages: ${JSON.stringify(r.logs)}`);
            assert.ok(progress.every((l) => l.ephemeral && l.severity === "info" && l.at < finished));
            assert.ok(progress.some((l) => /East US \d+%/.test(l.message)), "later regions seen while they replicate");
        } finally {
            emulator.timing.replicationMsPerRegion = 100;
            golden.config["azure-compute-gallery:progressIntervalSeconds"] = "10";
        }
    });

    it("refresh finds drift made in Azure, and the next up puts it back", async () => {
        emulator.service.drift(armId("golden_images"), { properties: { description: "edited in the portal" } });
        emulator.service.remove(armId("golden_images", "windows-2022-gen2"));
        const r = await golden.refresh();
        ok(r);
        assert.deepStrictEqual(r.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${name(s.urn)} ${s.properties ?? ""}`).sort(), ["delete windows-2022 ", "refresh golden description"]);
        const at = emulator.requests.length;
        const back = await golden.up();
        ok(back);
        assert.deepStrictEqual(back.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${name(s.urn)}`).sort(), ["create windows-2022", "update golden"]);
        assert.deepStrictEqual(writes(at).sort(), ["PATCH golden_images", "PUT golden_images/images/windows-2022-gen2"]);
    });

    it("destroy deletes children first and rides out the service's nested-resource lag", async () => {
        emulator.faults.nestedDeleteLagMs = 1500;
        try {
            const at = emulator.requests.length;
            const r = await golden.destroy();
            ok(r);
            assert.strictEqual(golden.state.size, 0);
            assert.strictEqual(emulator.service.count(), 0);
            assert.ok(emulator.requests.slice(at).some((x) => x.method === "DELETE" && x.status === 409), "a parent delete was refused for a while and retried");
            assert.strictEqual(name(r.steps[r.steps.length - 1].urn), "golden", "the gallery goes last");
        } finally {
            emulator.faults.nestedDeleteLagMs = 0;
        }
    });
});
