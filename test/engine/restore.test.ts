/**
 * A soft-deleted image version through Pulumi's real dynamic-provider host against the emulator: a
 * stack that drops its version from a gallery with soft delete on finds it listed by
 * listSoftDeletedImageVersions inside its program (settings from stack config); the function
 * restores it from a pipeline's shell (settings from ARM_* variables); a stack that re-creates a
 * soft-deleted version with `restoreSoftDeleted` restores it with one request, brings it to the
 * program, and leaves state as Azure holds it; without, it sends a new version as any create does,
 * asking Azure nothing more.
 */
import * as assert from "assert";
import { restoreImageVersion } from "../../provider";
import { ArmEmulator } from "../../emulator/server";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, armId, sdkClient, startTestEmulator } from "../support/emulator";
import { setEnv } from "../support/env";
import { EngineDriver } from "./driver";
import { managedImage, registerBuildImages, stack } from "./stacks";
import { changed, name, ok } from "./runs";

const VERSION = armId("keeps", "app", "1.0.0");

describe("engine scenarios: a soft-deleted image version, listed, restored, and re-created by a stack", function () {
    let emulator: ArmEmulator;
    let s: EngineDriver;
    let published: string;
    const versionWrites = (from: number) => emulator.writes(from).filter((w) => w.path.toLowerCase() === VERSION.toLowerCase()).map((w) => w.method);
    const held = () => emulator.service.get(VERSION) as { properties: { publishingProfile: { publishedDate: string; excludeFromLatest: boolean } } } | undefined;

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        registerBuildImages(emulator, [managedImage("app-build")]);
        s = stack("fixtures/definition", emulator, { galleryName: "keeps", osState: "Generalized", sourceId: managedImage("app-build"), softDelete: "true", listSoftDeleted: "true" });
    });
    after(() => emulator.stop());

    it("up creates the gallery with soft delete on, the definition and version 1.0.0", async () => {
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["create gallery", "create image", "create version"]);
        assert.deepStrictEqual(r.outputs.softDeleted, []);
        published = held()!.properties.publishingProfile.publishedDate;
        assert.strictEqual(r.outputs.publishedDate, published);
    });

    it("dropping the version from the program deletes it; Azure keeps it, and the program lists it with the stack's settings", async () => {
        s.config["definition:version"] = "none";
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["delete version"]);
        assert.strictEqual(held(), undefined);
        const after = await s.preview();
        ok(after);
        assert.deepStrictEqual(after.outputs.softDeleted, ["1.0.0"]);
    });

    it("restoreImageVersion, run from a pipeline's shell, restores it with one request; deleted again, it is soft-deleted again", async () => {
        const saved = { ...process.env };
        Object.assign(process.env, { ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "pipeline-token", ARM_SUBSCRIPTION_ID: SUBSCRIPTION });
        const at = emulator.requests.length;
        try {
            const restored = await restoreImageVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: "keeps", galleryImageName: "app", galleryImageVersionName: "1.0.0" });
            assert.strictEqual(restored.provisioningState, "Succeeded");
        } finally {
            setEnv(saved);
        }
        assert.deepStrictEqual(versionWrites(at), ["PATCH"]);
        assert.strictEqual(held()?.properties.publishingProfile.publishedDate, published, "the version itself is back");
        assert.deepStrictEqual((await s.preview()).outputs.softDeleted, []);
        await sdkClient(emulator).galleryImageVersions.delete(RESOURCE_GROUP, "keeps", "app", "1.0.0", FAST_POLL).pollUntilDone();
        assert.deepStrictEqual((await s.preview()).outputs.softDeleted, ["1.0.0"]);
    });

    it("with restoreSoftDeleted, the up restores it with one request, brings it to the program, and state is Azure's", async () => {
        delete s.config["definition:version"];
        Object.assign(s.config, { "definition:restoreSoftDeleted": "true", "definition:excludeFromLatest": "true" });
        const at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["create version"]);
        assert.deepStrictEqual(versionWrites(at), ["PATCH", "PATCH"], "the restore, then the update to excludeFromLatest: no PUT");
        assert.deepStrictEqual(emulator.writes(at).length, 2);
        const azure = held()!.properties.publishingProfile;
        assert.deepStrictEqual([azure.publishedDate, azure.excludeFromLatest], [published, true]);
        assert.deepStrictEqual([r.outputs.versionId, r.outputs.publishedDate], [VERSION, published]);
        const state = [...s.state.values()].find((x) => name(x.urn) === "version")!;
        assert.deepStrictEqual((state.outputs.publishingProfile as { excludeFromLatest: boolean }).excludeFromLatest, true);

        const refreshed = await s.refresh();
        ok(refreshed);
        assert.deepStrictEqual([...new Set(refreshed.steps.map((x) => x.op))], ["same"], "state matches Azure");
        const after = emulator.requests.length;
        const again = await s.up();
        ok(again);
        assert.deepStrictEqual(changed(again), []);
        assert.deepStrictEqual(emulator.writes(after), []);
        assert.deepStrictEqual(again.outputs.softDeleted, [], "nothing soft-deleted is left");
    });

    it("without restoreSoftDeleted, a stack that re-creates a soft-deleted version sends a new one with one PUT", async () => {
        s.config["definition:version"] = "none";
        ok(await s.up());
        delete s.config["definition:version"];
        delete s.config["definition:restoreSoftDeleted"];
        const at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(changed(r), ["create version"]);
        assert.deepStrictEqual(versionWrites(at), ["PUT"]);
        assert.notStrictEqual(held()?.properties.publishingProfile.publishedDate, published, "a new version");
    });
});
