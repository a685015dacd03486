/**
 * What the program stops setting, carried through to Azure: the emulator (answering as ARM does, ids
 * re-cased, asynchronously) is the judge of what the update did, and the preview after it must show
 * no change, or a change would be retried on every up.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, armId, emulatorForProvider, sdkClient } from "../support/emulator";
import { SOURCE_IMAGE, galleryInputs, imageInputs, versionInputs } from "./inputs";
import { Resource } from "./resource";

const UAI = (n: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`;
/** What the emulator holds, as far as these tests read it. */
interface Json {
    properties: {
        features?: { name: string }[];
        softDeletePolicy?: { isSoftDeleteEnabled?: boolean };
        publishingProfile: { excludeFromLatest?: boolean; targetRegions: { name: string; excludeFromLatest?: boolean }[] };
        storageProfile: { dataDiskImages: { lun: number }[] };
    };
    identity?: { type: string; userAssignedIdentities?: Record<string, unknown> };
}

describe("removing a field from the program, against Azure's answers", function () {
    const emulator = emulatorForProvider({ echo: "recased", replicationMsPerRegion: 50 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const azure = (...parts: string[]) => emulator().service.get(armId(...parts)) as unknown as Json;

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: "removal" }));
        await providers.galleryImage.create(imageInputs({ galleryName: "removal", galleryImageName: "base", identifier: { publisher: "contoso", offer: "removal", sku: "base" } }));
    });

    it("a feature: Azure drops it, and the next preview is quiet", async () => {
        const image = new Resource("galleryImage");
        const program = imageInputs({ galleryName: "removal", galleryImageName: "feature", identifier: { publisher: "contoso", offer: "removal", sku: "feature" } });
        await image.up({ ...program, isAcceleratedNetworkSupported: true });
        assert.strictEqual(image.outputs.isAcceleratedNetworkSupported, true);
        const d = await image.up(program);
        assert.strictEqual(d?.changes, true);
        const features = azure("removal", "feature").properties.features ?? [];
        assert.ok(!features.some((f) => f.name === "IsAcceleratedNetworkSupported"), JSON.stringify(features));
        assert.ok(features.some((f) => f.name === "SecurityType"), "the security type Azure applied is kept");
        await image.settled(program);
    });

    it("a description: cleared by one update, which Azure answers with an empty one; the next preview is quiet", async () => {
        const image = new Resource("galleryImage");
        const program = imageInputs({ galleryName: "removal", galleryImageName: "described", identifier: { publisher: "contoso", offer: "removal", sku: "described" } });
        await image.up({ ...program, description: "the build's base" });
        assert.strictEqual((await image.up(program))?.changes, true);
        assert.ok(!(azure("removal", "described").properties as { description?: string }).description, "Azure holds no description");
        await image.settled(program);
        // Stating the empty string Azure answers is the same program.
        await image.settled({ ...program, description: "" });
    });

    it("a recommended bound stays in Azure, with a warning and no change", async () => {
        const image = new Resource("galleryImage");
        const program = imageInputs({ galleryName: "removal", galleryImageName: "bounds", identifier: { publisher: "contoso", offer: "removal", sku: "bounds" } });
        await image.up({ ...program, recommended: { vCPUs: { min: 2, max: 8 } } });
        const d = await image.up({ ...program, recommended: { vCPUs: { max: 8 } } });
        assert.strictEqual(d?.changes, false);
        assert.match(image.warnings.join("\n"), /recommended\.vCPUs\.min was removed from the program; it stays 2 in Azure/);
    });

    it("soft delete: switched off, and the next preview is quiet", async () => {
        const gallery = new Resource("gallery");
        const program = galleryInputs({ galleryName: "softdelete" });
        await gallery.up({ ...program, softDeletePolicy: { isSoftDeleteEnabled: true } });
        assert.strictEqual((await gallery.up(program))?.changes, true);
        assert.notStrictEqual(azure("softdelete").properties.softDeletePolicy?.isSoftDeleteEnabled, true);
        await gallery.settled(program);
    });

    it("a user-assigned identity: Azure lets it go, and the next preview is quiet", async () => {
        const gallery = new Resource("gallery");
        const program = (...ids: string[]) => galleryInputs({ galleryName: "identities", identity: { type: "UserAssigned", userAssignedIdentities: Object.fromEntries(ids.map((i) => [UAI(i), {}])) } });
        await gallery.up(program("a", "b"));
        await gallery.settled(program("a", "b"));
        assert.strictEqual((await gallery.up(program("a")))?.changes, true);
        assert.deepStrictEqual(Object.keys(azure("identities").identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()), [UAI("a").toLowerCase()]);
        await gallery.settled(program("a"));
    });

    it("an identity the program never set stays Azure's", async () => {
        const gallery = new Resource("gallery");
        const program = galleryInputs({ galleryName: "untouched" });
        await gallery.up(program);
        // Given an identity in the portal.
        await sdkClient(emulator()).galleries.update(RESOURCE_GROUP, "untouched", { identity: { type: "UserAssigned", userAssignedIdentities: { [UAI("portal")]: {} } } }, FAST_POLL).pollUntilDone();
        gallery.outputs = (await providers.gallery.read!(String(gallery.id), gallery.outputs)).props ?? {};
        await gallery.settled(program);
    });

    it("excludeFromLatest: false is sent once; a later portal change to it is then Azure's", async () => {
        const version = new Resource("galleryImageVersion");
        const program = versionInputs({ galleryName: "removal", galleryImageName: "base", galleryImageVersionName: "1.0.0" });
        await version.up(versionInputs({ galleryName: "removal", galleryImageName: "base", galleryImageVersionName: "1.0.0" }, { excludeFromLatest: true }));
        assert.strictEqual((await version.up(program))?.changes, true);
        assert.strictEqual(azure("removal", "base", "1.0.0").properties.publishingProfile.excludeFromLatest, false);
        await version.settled(program);
        emulator().service.drift(armId("removal", "base", "1.0.0"), { properties: { publishingProfile: { excludeFromLatest: true } } });
        await new Promise((r) => setTimeout(r, 300)); // the emulator replicates again after an edit; let it finish
        version.outputs = (await providers.galleryImageVersion.read!(String(version.id), version.outputs)).props ?? {};
        await version.settled(program);
    });

    it("the version's own region dropped from the list: what it had set there goes back too", async () => {
        const version = new Resource("galleryImageVersion");
        const at = { galleryName: "removal", galleryImageName: "base", galleryImageVersionName: "1.0.1" };
        await version.up(versionInputs(at, { targetRegions: [{ name: "westus", excludeFromLatest: true }, { name: "eastus" }] }));
        assert.strictEqual((await version.up(versionInputs(at, { targetRegions: [{ name: "eastus" }] })))?.changes, true);
        const west = azure("removal", "base", "1.0.1").properties.publishingProfile.targetRegions.find((r) => r.name === "West US");
        assert.strictEqual(west?.excludeFromLatest, false);
    });

    it("a whole-image source's disks, some restated by the program, are no change", async () => {
        const image = `${SOURCE_IMAGE}-disks`;
        emulator().service.registerSource(image, { location: "westus", osDiskSizeGB: 30, dataDisks: [{ lun: 1, sizeInGB: 64 }, { lun: 2, sizeInGB: 128 }] });
        const version = new Resource("galleryImageVersion");
        const program = versionInputs({ galleryName: "removal", galleryImageName: "base", galleryImageVersionName: "1.0.2", storageProfile: { source: { id: image }, dataDiskImages: [{ lun: 1, hostCaching: "ReadOnly" }] } });
        await version.up(program);
        assert.deepStrictEqual(azure("removal", "base", "1.0.2").properties.storageProfile.dataDiskImages.map((d) => d.lun), [1, 2]);
        await version.settled(program);
    });
});
