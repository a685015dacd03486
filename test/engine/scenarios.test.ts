/**
 * `pulumi preview / up / refresh / destroy` of the example stacks, the way the engine runs them:
 * the program on the real runtime, the provider inside Pulumi's real dynamic-provider host, Azure
 * played by the emulator. Each scenario asserts what a user sees (the plan) and what Azure saw
 * (the emulator's request log).
 */
import * as assert from "assert";
import type { ImageManifest, ImageManifestEntry, ImageManifestRegion } from "../../provider";
import { ArmEmulator } from "../../emulator/server";
import { armId, startTestEmulator } from "../support/emulator";
import { EngineDriver, RunResult } from "./driver";
import { changeLine } from "./jsonDiff";
import { ManifestFile, demoBuilds, managedImage, publishBuild, registerBuildImages, stack } from "./stacks";

const name = (urn: string) => urn.split("::").pop();
const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${name(s.urn)}`);
const ok = (r: RunResult) => assert.strictEqual(r.error, undefined, r.error);
/** The plan without the resources that stay as they are, sorted. */
const changed = (r: RunResult) => plan(r).filter((p) => !p.startsWith("same ")).sort();
/** A resource's `--diff` lines in a run's plan. */
const diffOf = (r: RunResult, resource: string) => (r.steps.find((s) => name(s.urn) === resource)?.changes ?? []).map(changeLine);
const REGIONS = [
    { name: "westus", replicas: 2 },
    { name: "eastus", replicas: 1, zoneRedundant: true },
    { name: "northeurope", replicas: 1, zoneRedundant: true },
];
const entry = (version: string, build: string, more: Partial<ImageManifestEntry> = {}): ImageManifestEntry => ({ version, source: managedImage(build), regions: REGIONS, ...more });
/** The writes Azure received since `from`, as method and path below the galleries. */
const writesIn = (emulator: ArmEmulator, from: number) => emulator.writes(from).map((w) => `${w.method} ${w.path.replace(/.*\/galleries\//, "")}`);
const versionIn = (emulator: ArmEmulator, version: string) =>
    emulator.service.get(armId("golden_images", "ubuntu-24_04-gen2", version)) as { properties: { storageProfile: { source: { id: string } }; publishingProfile: { excludeFromLatest: boolean } } };

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

describe("engine scenarios: the two builds `npm run demo` plays", function () {
    let emulator: ArmEmulator;
    let s: EngineDriver;
    let first: ImageManifest;
    let file: ManifestFile;
    const writes = (from: number) => writesIn(emulator, from);

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        first = demoBuilds.first();
        registerBuildImages(emulator, [first, demoBuilds.second(first)].flatMap((m) => m.versions.map((e) => e.source)));
        file = new ManifestFile(first);
        s = stack("golden-image", emulator, { manifest: file.path });
    });
    after(() => emulator.stop());

    it("the first build publishes the manifest's versions, the older one out of latest", async () => {
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["create golden", "create ubuntu", "create ubuntu", "create ubuntu-1.0.0", "create ubuntu-1.1.0", "create windows-2022"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(writes(at).sort(), [
            "PUT golden_images",
            "PUT golden_images/images/ubuntu-24_04-gen2",
            "PUT golden_images/images/ubuntu-24_04-gen2/versions/1.0.0",
            "PUT golden_images/images/ubuntu-24_04-gen2/versions/1.1.0",
            "PUT golden_images/images/windows-2022-gen2",
        ]);
        assert.deepStrictEqual([r.outputs.latestVersion, versionIn(emulator, "1.0.0").properties.publishingProfile.excludeFromLatest], ["1.1.0", true]);
    });

    it("the second build, after the published images are deleted: 1.2.0 created, 1.1.0 out of latest in place, 1.0.0 retired; no published version replaced", async () => {
        for (const e of first.versions) emulator.service.removeSource(e.source);
        file.edit(demoBuilds.second);
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["create ubuntu-1.2.0", "delete ubuntu-1.0.0", "update ubuntu-1.1.0"]);
        assert.deepStrictEqual(diffOf(preview, "ubuntu-1.1.0"), ["~ publishingProfile.excludeFromLatest: false => true"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(changed(r), changed(preview), "the up does what the preview said");
        const w = writes(at);
        assert.deepStrictEqual(w.slice(0, 2).sort(), ["PATCH golden_images/images/ubuntu-24_04-gen2/versions/1.1.0", "PUT golden_images/images/ubuntu-24_04-gen2/versions/1.2.0"]);
        assert.deepStrictEqual(w.slice(2), ["DELETE golden_images/images/ubuntu-24_04-gen2/versions/1.0.0"], "the retired version goes at the end");
        assert.strictEqual(r.outputs.latestVersion, "1.2.0");
        assert.strictEqual(versionIn(emulator, "1.0.0"), undefined);
    });

    it("a third run, after a refresh in Azure's spelling (ids re-cased, regions by display name), changes nothing", async () => {
        emulator.service.echo = "recased";
        try {
            ok(await s.refresh());
            const at = emulator.requests.length;
            const r = await s.up();
            ok(r);
            assert.deepStrictEqual(changed(r), []);
            assert.strictEqual(emulator.requests.length - at, 0);
        } finally {
            emulator.service.echo = "asWritten";
        }
    });
});

describe("engine scenarios: replacements that take dependents along", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    it("an osState change replaces the definition and its versions: dependents deleted first, then re-created", async () => {
        const s = stack("fixtures/definition", emulator, { galleryName: "apps", osState: "Generalized", sourceId: managedImage("app") });
        ok(await s.up());
        s.config["definition:osState"] = "Specialized";
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["same gallery", "replace image", "replace version"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(
            emulator.writes(at).map((w) => `${w.method} ${w.path.replace(/.*\/galleries\//, "")}`),
            ["DELETE apps/images/app/versions/1.0.0", "DELETE apps/images/app", "PUT apps/images/app", "PUT apps/images/app/versions/1.0.0"],
        );
        assert.strictEqual((emulator.service.get(armId("apps", "app")) as { properties: { osState: string } }).properties.osState, "Specialized");
        ok(await s.destroy());
    });

    it("a replication that fails fails the up, naming the region; the version is kept in state and the next up retries it", async () => {
        const s = stack("fixtures/definition", emulator, { galleryName: "retry", osState: "Generalized", sourceId: managedImage("app") });
        emulator.faults.add({ method: "PUT", path: "/retry/images/app/versions/", action: { kind: "replicationFails", region: "westus", message: "the source image is being deleted" }, times: 1 });
        const failed = await s.up();
        assert.match(String(failed.error), /version: .*West US.*the source image is being deleted/);
        const recorded = [...s.state.values()].find((r) => r.urn.endsWith("::version"));
        assert.strictEqual(recorded?.outputs.provisioningState, "Failed", "the engine keeps what Azure has");
        assert.ok(recorded?.initErrors?.length);

        // `pulumi up --refresh` clears the engine's failed-to-initialise mark; the failure must not go silent.
        ok(await s.refresh());
        assert.strictEqual(recorded?.initErrors, undefined);
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["same gallery", "same image", "update version"], "still a difference at preview");
        assert.match(preview.logs.map((l) => `${l.severity}: ${l.message}`).join("\n"), /warning: .*replication failed in West US \(the source image is being deleted\); the update sends the version again/);

        const at = emulator.requests.length;
        const retried = await s.up({ skipPreview: true });
        ok(retried);
        assert.deepStrictEqual(plan(retried), ["same gallery", "same image", "update version"]);
        assert.deepStrictEqual(emulator.writes(at).map((w) => `${w.method} ${w.path.replace(/.*\/galleries\//, "")}`), ["PUT retry/images/app/versions/1.0.0"], "re-sent whole, the way Azure retries it");
        assert.strictEqual((emulator.service.get(armId("retry", "app", "1.0.0")) as { properties: { provisioningState: string } }).properties.provisioningState, "Succeeded");
        assert.deepStrictEqual(plan(await s.preview()), ["same gallery", "same image", "same version"], "settled: quiet again");
        ok(await s.destroy());
    });

    it("an auto-named gallery is replaced create-before-delete; the old resources go at the end, dependents first", async () => {
        const partner = "44444444-4444-4444-4444-444444444444";
        const s = stack("shared-gallery", emulator, { subscriptions: JSON.stringify([partner]) });
        const first = await s.up();
        ok(first);
        const oldName = String(first.outputs.galleryName);
        assert.match(oldName, /^partner_images_[a-z0-9]{7}$/, "auto-named within the gallery name rules");

        // Sharing with one more tenant is an in-place change through /share.
        s.config["shared-gallery:tenants"] = JSON.stringify(["55555555-5555-5555-5555-555555555555"]);
        let at = emulator.requests.length;
        const shared = await s.up();
        ok(shared);
        assert.deepStrictEqual(plan(shared), ["update partner-images", "same partner-ubuntu"]);
        assert.deepStrictEqual(emulator.writes(at).map((w) => `${w.method} ${w.path.split("/").pop()}`), ["POST share"]);

        s.config["shared-gallery:location"] = "eastus";
        at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        const newName = String(r.outputs.galleryName);
        assert.notStrictEqual(newName, oldName);
        const w = emulator.writes(at).map((x) => `${x.method} ${x.path.replace(/.*\/galleries\//, "").replace(oldName, "OLD").replace(newName, "NEW")}`);
        assert.deepStrictEqual(w.slice(0, 2), ["PUT NEW", "POST NEW/share"], "the new gallery first, shared as before");
        assert.match(w[w.length - 3], /^DELETE OLD\/images\//, w.join("; "));
        // A shared gallery stops being shared before its delete, once it holds nothing (as azurerm does it).
        assert.deepStrictEqual(w.slice(-2), ["POST OLD/share", "DELETE OLD"], "the old gallery goes last, after its image");
        assert.ok(w.indexOf(w.find((x) => x.startsWith("PUT NEW/images/"))!) < w.indexOf(w.find((x) => x.startsWith("DELETE OLD/images/"))!), "the new image exists before the old one goes");
        ok(await s.destroy());
        assert.strictEqual(emulator.service.count(), 0);
    });
});
