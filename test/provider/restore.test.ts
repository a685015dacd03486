/**
 * Soft-deleted image versions against the emulator, through the real SDK: the package's functions
 * that list and restore them (settings from the environment, as a pipeline's ARM_* variables give
 * them), and a GalleryImageVersion create that meets one, with and without `restoreSoftDeleted`.
 */
import * as assert from "assert";
import type { ComputeManagementClient } from "@azure/arm-compute";
import { listSoftDeletedImageVersions, restoreImageVersion } from "../../provider";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, armId, emulatorForProvider, sdkClient } from "../support/emulator";
import { Resource } from "./resource";

const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const OTHER_SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/other`;
const image = { resourceGroupName: RESOURCE_GROUP, galleryName: "keeps", galleryImageName: "app" };
const SOFT_DELETED_LIST = /\/galleries\/keeps\/softdeletedartifacttypes\/images\/artifacts\/app\/versions$/i;

describe("soft-deleted image versions: listing, restoring, and a create that meets one", function () {
    const emulator = emulatorForProvider({ operationMs: 20, replicationMsPerRegion: 20, pageSize: 2 });
    let sdk: ComputeManagementClient;
    const writes = (from: number) => emulator().writes(from).map((w) => `${w.method} ${w.path.replace(/.*\/galleries\//, "")}`);
    const versionInputs = (name: string, more: Inputs = {}): Inputs => ({
        ...image,
        galleryImageVersionName: name,
        location: "westus",
        storageProfile: { source: { id: SOURCE } },
        __urn: `urn:pulumi:dev::restore::pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImageVersion::v${name}`,
        ...more,
    });
    const publish = (gallery: string, v: string) =>
        sdk.galleryImageVersions.createOrUpdate(RESOURCE_GROUP, gallery, "app", v, { location: "westus", storageProfile: { source: { id: SOURCE } } }, FAST_POLL).pollUntilDone();
    const remove = (gallery: string, v: string) => sdk.galleryImageVersions.delete(RESOURCE_GROUP, gallery, "app", v, FAST_POLL).pollUntilDone();
    const published: Record<string, string | undefined> = {};

    before(async () => {
        sdk = sdkClient(emulator());
        for (const [gallery, softDelete] of [["keeps", true], ["forgets", false]] as const) {
            await sdk.galleries.createOrUpdate(RESOURCE_GROUP, gallery, { location: "westus", softDeletePolicy: { isSoftDeleteEnabled: softDelete } }, FAST_POLL).pollUntilDone();
            await sdk.galleryImages
                .createOrUpdate(RESOURCE_GROUP, gallery, "app", { location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer: gallery, sku: "1" } }, FAST_POLL)
                .pollUntilDone();
        }
        for (const v of ["1.0.0", "1.1.0", "1.2.0", "1.3.0"]) published[v] = (await publish("keeps", v)).publishingProfile?.publishedDate?.toISOString();
        await publish("forgets", "1.0.0");
    });

    it("versions deleted from a gallery with soft delete are listed, every page, oldest deletion first", async () => {
        for (const v of ["1.2.0", "1.0.0", "1.1.0", "1.3.0"]) await remove("keeps", v);
        const at = emulator().requests.length;
        const listed = await listSoftDeletedImageVersions(image);
        assert.deepStrictEqual(listed.map((v) => v.name), ["1.2.0", "1.0.0", "1.1.0", "1.3.0"]);
        assert.strictEqual(emulator().requests.slice(at).filter((r) => r.method === "GET" && SOFT_DELETED_LIST.test(r.path)).length, 2, "two pages of two");
        const first = listed[1];
        assert.strictEqual(first.versionId.toLowerCase(), armId("keeps", "app", "1.0.0").toLowerCase());
        assert.match(first.id, /\/softDeletedArtifactTypes\/Images\/artifacts\/app\/versions\/1\.0\.0$/);
        assert.ok(Date.parse(String(first.softDeletedTime)) <= Date.now());
        await assert.rejects(sdk.galleryImageVersions.get(RESOURCE_GROUP, "keeps", "app", "1.0.0"), (e: { statusCode?: number }) => e.statusCode === 404);
    });

    it("a gallery without soft delete keeps nothing to list", async () => {
        await remove("forgets", "1.0.0");
        assert.deepStrictEqual(await listSoftDeletedImageVersions({ ...image, galleryName: "forgets" }), []);
    });

    it("restoreImageVersion restores one with a single PATCH, as the official example does, and waits for Azure's operation", async () => {
        const at = emulator().requests.length;
        const restored = await restoreImageVersion({ ...image, galleryImageVersionName: "1.0.0" });
        assert.deepStrictEqual(writes(at), ["PATCH keeps/images/app/versions/1.0.0"]);
        assert.strictEqual(restored.provisioningState, "Succeeded", "the operation was followed to its end");
        const back = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "keeps", "app", "1.0.0");
        assert.strictEqual(back.publishingProfile?.publishedDate?.toISOString(), published["1.0.0"], "the version itself is back, not a new one");
        assert.deepStrictEqual((await listSoftDeletedImageVersions(image)).map((v) => v.name), ["1.2.0", "1.1.0", "1.3.0"]);
    });

    it("a name with nothing to restore is refused, naming the versions that can be; one that is there already comes back as it is", async () => {
        await assert.rejects(restoreImageVersion({ ...image, galleryImageVersionName: "9.9.9" }), /No soft-deleted image version "golden-images\/keeps\/app\/9\.9\.9" to restore: its soft-deleted versions are 1\.2\.0, 1\.1\.0, 1\.3\.0\. Azure keeps a deleted version for 7 days/);
        const at = emulator().requests.length;
        const again = await restoreImageVersion({ ...image, galleryImageVersionName: "1.0.0" });
        assert.strictEqual(again.publishingProfile?.publishedDate?.toISOString(), published["1.0.0"]);
        assert.deepStrictEqual(writes(at), [], "restoring twice writes nothing the second time");
    });

    it("without restoreSoftDeleted, a create that meets a soft-deleted version sends its new version and asks Azure nothing more", async () => {
        const p = providers.galleryImageVersion;
        const { inputs } = await p.check!({}, versionInputs("1.2.0"));
        const at = emulator().requests.length;
        await p.create(inputs);
        assert.deepStrictEqual(writes(at), ["PUT keeps/images/app/versions/1.2.0"]);
        const listed = emulator().requests.slice(at).filter((r) => /softdeletedartifacttypes/i.test(r.path));
        assert.deepStrictEqual(listed, [], "a create that did not ask for a restore does not list the soft-deleted versions");
        const made = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "keeps", "app", "1.2.0");
        assert.notStrictEqual(made.publishingProfile?.publishedDate?.toISOString(), published["1.2.0"], "a new version, not the deleted one");
    });

    it("with restoreSoftDeleted, the create restores it (one request) and brings it to the inputs; the next preview is quiet", async () => {
        const version = new Resource("galleryImageVersion");
        const program = versionInputs("1.1.0", { restoreSoftDeleted: true, publishingProfile: { excludeFromLatest: true }, tags: { team: "images" } });
        const at = emulator().requests.length;
        await version.up(program);
        assert.deepStrictEqual(writes(at), ["PATCH keeps/images/app/versions/1.1.0", "PATCH keeps/images/app/versions/1.1.0"], "the restore, then the update to the program");
        const held = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "keeps", "app", "1.1.0");
        assert.strictEqual(held.publishingProfile?.publishedDate?.toISOString(), published["1.1.0"], "the deleted version, restored");
        assert.strictEqual(held.publishingProfile?.excludeFromLatest, true);
        assert.strictEqual(held.tags?.team, "images");
        const outs = version.outputs as { publishingProfile: { excludeFromLatest: boolean; publishedDate: string }; tags: Record<string, string> };
        assert.deepStrictEqual([version.id, outs.publishingProfile.excludeFromLatest, outs.publishingProfile.publishedDate, outs.tags], [held.id, true, published["1.1.0"], { team: "images" }]);
        await version.settled(program);
    });

    it("with restoreSoftDeleted, a version whose create-only properties differ is restored, then refused, naming them", async () => {
        const { inputs } = await providers.galleryImageVersion.check!({}, versionInputs("1.3.0", { restoreSoftDeleted: true, storageProfile: { source: { id: OTHER_SOURCE } } }));
        await assert.rejects(providers.galleryImageVersion.create(inputs), /GalleryImageVersion "golden-images\/keeps\/app\/1\.3\.0" cannot be taken over: these properties differ and cannot change after create: storageProfile\.source\.id/);
        assert.strictEqual((await sdk.galleryImageVersions.get(RESOURCE_GROUP, "keeps", "app", "1.3.0")).storageProfile?.source?.id, SOURCE);
    });

    it("with restoreSoftDeleted and nothing soft-deleted, the create is an ordinary create", async () => {
        const at = emulator().requests.length;
        const { inputs } = await providers.galleryImageVersion.check!({}, versionInputs("2.0.0", { restoreSoftDeleted: true }));
        const { outs } = await providers.galleryImageVersion.create(inputs);
        assert.deepStrictEqual(writes(at), ["PUT keeps/images/app/versions/2.0.0"]);
        assert.strictEqual(outs.restoreSoftDeleted, true, "kept in state as the program said it");
    });
});
