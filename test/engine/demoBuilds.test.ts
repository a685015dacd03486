/** The two builds `npm run demo` plays, through the engine stand-in and the real dynamic-provider host. */
import * as assert from "assert";
import type { ImageManifest } from "../../provider";
import { ArmEmulator } from "../../emulator/server";
import { startTestEmulator } from "../support/emulator";
import { EngineDriver } from "./driver";
import { changed, diffOf, ok, writesIn } from "./runs";
import { ManifestFile, demoBuilds, goldenVersionIn as versionIn, registerBuildImages, stack } from "./stacks";

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
