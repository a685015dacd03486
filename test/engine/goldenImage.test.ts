/**
 * The GoldenImage component through Pulumi's real dynamic-provider host, as a pipeline runs it
 * build after build: the program on the real runtime (the component and its children registered as
 * the engine sees them), Azure played by the emulator. Each run asserts the plan a user sees and
 * the requests Azure received.
 */
import * as assert from "assert";
import type { ImageManifest, ImageManifestEntry, ImageManifestRegion } from "../../provider";
import { ArmEmulator } from "../../emulator/server";
import { armId, startTestEmulator } from "../support/emulator";
import { EngineDriver } from "./driver";
import { JsonFile, managedImage, registerBuildImages, stack } from "./stacks";
import { changed, diffOf, name, ok, writesIn } from "./runs";

const REGIONS: ImageManifestRegion[] = [{ name: "westus", replicas: 2 }, { name: "eastus", zoneRedundant: true }];
const entry = (version: string, more: Partial<ImageManifestEntry> = {}): ImageManifestEntry => ({ version, source: managedImage(`app-${version}`), regions: REGIONS, ...more });
const GALLERY = "pipeline";

describe("GoldenImage: a manifest and its retention through the real dynamic-provider host", function () {
    let emulator: ArmEmulator;
    let s: EngineDriver;
    let manifest: JsonFile<ImageManifest>;
    const writes = (from: number) => writesIn(emulator, from);
    const version = (v: string) => emulator.service.get(armId(GALLERY, "app", v)) as { properties: { publishingProfile: { excludeFromLatest: boolean; endOfLifeDate?: string } } } | undefined;
    const excluded = (...vs: string[]) => vs.map((v) => version(v)?.properties.publishingProfile.excludeFromLatest);

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 20 });
        registerBuildImages(emulator, ["1.0.0", "1.1.0", "1.2.0", "1.3.0"].map((v) => managedImage(`app-${v}`)));
        manifest = new JsonFile<ImageManifest>("images.json", {
            versions: [entry("1.0.0", { endOfLife: "2031-01-01" }), entry("1.1.0"), entry("1.2.0")],
        });
        s = stack("fixtures/goldenImage", emulator, { galleryName: GALLERY, manifest: manifest.path, retention: JSON.stringify({ keepInLatest: 2 }) });
    });
    after(() => emulator.stop());

    it("a manifest of three versions: the definition and each version created as the component's children, the two newest in latest", async () => {
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["create app", "create app", "create app-1.0.0", "create app-1.1.0", "create app-1.2.0", "create gallery"]);
        const children = [...s.state.values()].filter((x) => x.parent?.endsWith("::azure-compute-gallery:index:GoldenImage::app")).map((x) => name(x.urn));
        assert.deepStrictEqual(children.sort(), ["app", "app-1.0.0", "app-1.1.0", "app-1.2.0"], "the definition and the versions are the component's children");
        assert.deepStrictEqual(excluded("1.0.0", "1.1.0", "1.2.0"), [true, false, false]);
        assert.deepStrictEqual([r.outputs.newestVersion, r.outputs.latestVersion, r.outputs.inLatest, r.outputs.retired], ["1.2.0", "1.2.0", ["1.2.0", "1.1.0"], []]);
        assert.strictEqual(r.outputs.imageId, armId(GALLERY, "app"));
        assert.deepStrictEqual(r.outputs.versionIds, { "1.0.0": armId(GALLERY, "app", "1.0.0"), "1.1.0": armId(GALLERY, "app", "1.1.0"), "1.2.0": armId(GALLERY, "app", "1.2.0") });
    });

    it("a fourth entry appended: created, and the oldest in latest taken out of it in place; nothing replaced or deleted", async () => {
        manifest.write({ versions: [...manifest.read().versions, entry("1.3.0", { endOfLife: "2031-03-01" })] });
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["create app-1.3.0", "update app-1.1.0"]);
        assert.deepStrictEqual(diffOf(preview, "app-1.1.0"), ["~ publishingProfile.excludeFromLatest: false => true"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(changed(r), changed(preview));
        // The new version is created and replicated before the old one leaves latest: latest never resolves to nothing.
        assert.deepStrictEqual(writes(at), ["PUT pipeline/images/app/versions/1.3.0", "PATCH pipeline/images/app/versions/1.1.0"]);
        const patched = emulator.writes(at).find((w) => w.method === "PATCH")!;
        assert.ok(patched.at >= emulator.service.replicationEndsAt(armId(GALLERY, "app", "1.3.0"))!, "1.1.0 left latest only once 1.3.0 had replicated");
        assert.deepStrictEqual(excluded("1.0.0", "1.1.0", "1.2.0", "1.3.0"), [true, true, false, false]);
        assert.deepStrictEqual([r.outputs.newestVersion, r.outputs.inLatest], ["1.3.0", ["1.3.0", "1.2.0"]]);
    });

    it("the same entries listed newest first: the same names, so no change and no request", async () => {
        manifest.write({ versions: [...manifest.read().versions].reverse() });
        const at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), []);
        assert.strictEqual(emulator.requests.length - at, 0);
    });

    it("past their end of life: an older version is retired (deleted), the newest kept though past its own", async () => {
        s.config["golden:today"] = "2031-06-01";
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["delete app-1.0.0"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(writes(at), ["DELETE pipeline/images/app/versions/1.0.0"]);
        assert.strictEqual(version("1.0.0"), undefined);
        assert.strictEqual(version("1.3.0")?.properties.publishingProfile.endOfLifeDate, "2031-03-01T00:00:00.000Z", "1.3.0 is past its end of life and still published");
        assert.deepStrictEqual([r.outputs.retired, r.outputs.newestVersion, r.outputs.latestVersion, Object.keys(r.outputs.versionIds as object).sort()], [["1.0.0"], "1.3.0", "1.3.0", ["1.1.0", "1.2.0", "1.3.0"]]);
        const again = await s.up();
        ok(again);
        assert.deepStrictEqual(changed(again), [], "the retired entry left in the manifest changes nothing more");
    });

    it("a manifest or policy mistake is refused at preview, naming the entry and the field; nothing reaches Azure", async () => {
        const good = manifest.read();
        const bad = good.versions.map((e) => (e.version === "1.3.0" ? { ...e, regions: [REGIONS[0], { replicas: 2 } as ImageManifestRegion] } : e));
        manifest.write({ versions: bad });
        const at = emulator.requests.length;
        const before = JSON.stringify([...s.state.values()]);
        const preview = await s.preview();
        assert.match(String(preview.error), /GoldenImage "app": the manifest: a mistake:\n\s+versions\[0\]\.regions\[1\]\.name \(1\.3\.0\): required, a region such as "westus"/);
        assert.match(String((await s.up()).error), /versions\[0\]\.regions\[1\]\.name \(1\.3\.0\)/, "up stops at the same mistake");

        manifest.write(good);
        s.config["golden:retention"] = JSON.stringify({ keepInLatest: 0 });
        assert.match(String((await s.preview()).error), /GoldenImage "app": retention\.keepInLatest: must be a whole number of at least 1, not 0/);
        assert.strictEqual(emulator.requests.length - at, 0, "no request, not even a read");
        assert.strictEqual(JSON.stringify([...s.state.values()]), before, "the stack's state is as it was");
        s.config["golden:retention"] = JSON.stringify({ keepInLatest: 2 });
    });

    it("destroy deletes the versions, then the definition, the component and the gallery", async () => {
        const r = await s.destroy();
        ok(r);
        assert.strictEqual(s.state.size, 0);
        assert.strictEqual(emulator.service.count(), 0);
        const order = r.steps.map((x) => name(x.urn));
        assert.ok(order.indexOf("app") > Math.max(order.indexOf("app-1.1.0"), order.indexOf("app-1.2.0"), order.indexOf("app-1.3.0")), order.join(", "));
        assert.strictEqual(order[order.length - 1], "gallery");
    });
});

describe("GoldenImage: a gallery given by name", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 20 });
        registerBuildImages(emulator, [managedImage("app-1.0.0")]);
    });
    after(() => emulator.stop());

    it("publishes to the gallery of that name in the resource group given; without a region it stops at preview", async () => {
        const file = new JsonFile<ImageManifest>("images.json", { versions: [entry("1.0.0")] });
        const s = stack("fixtures/goldenImage", emulator, { galleryName: "named", manifest: file.path, byName: "true" });
        const refused = await s.preview();
        assert.match(String(refused.error), /GoldenImage "app": location: required with a gallery given by name/);
        assert.strictEqual(emulator.requests.length, 0);
        s.config["golden:location"] = "westus";
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["create app", "create app", "create app-1.0.0", "create gallery"]);
        assert.ok(emulator.service.get(armId("named", "app", "1.0.0")), "the version is in gallery `named` of the resource group given");
        ok(await s.destroy());
    });
});
