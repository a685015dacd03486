/** GET options: `$select` and comma-separated `$expand`, as the spec's enums allow them (query.ts). */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const gallery = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/shared`;
const image = `${gallery}/images/img`;
const version = `${image}/versions/1.0.0`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const GROUPS = [{ type: "Subscriptions", ids: ["34a4ab42-0d72-47d9-bd1a-aed207386dac"] }];

describe("$select and $expand", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
        await armDone(emulator, "PUT", gallery, { location: "westus", properties: { description: "shared", sharingProfile: { permissions: "Groups" } } });
        await armDone(emulator, "POST", `${gallery}/share`, { operationType: "Add", groups: GROUPS });
        await armDone(emulator, "PUT", image, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } });
        await armDone(emulator, "PUT", version, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } });
    });
    after(async () => emulator.stop());

    const get = async (path: string, query: Record<string, string> = {}): Promise<JsonObject> => {
        const res = await arm(emulator, "GET", path, undefined, { query });
        assert.strictEqual(res.status, 200, JSON.stringify(res.body));
        return obj(res.body.properties);
    };

    it("a plain gallery GET leaves the groups out; $expand=SharingProfile/Groups brings them", async () => {
        assert.strictEqual(obj((await get(gallery)).sharingProfile).groups, undefined);
        assert.deepStrictEqual(obj((await get(gallery, { $expand: "SharingProfile/Groups" })).sharingProfile).groups, GROUPS);
        assert.deepStrictEqual(obj((await get(gallery, { $expand: "sharingprofile/groups" })).sharingProfile).groups, GROUPS, "matched case-insensitively");
    });

    it("$select=Permissions answers the sharing profile alone, groups included (Gallery_Get_WithSelectPermissions.json)", async () => {
        assert.deepStrictEqual(await get(gallery, { $select: "Permissions" }), { sharingProfile: { permissions: "Groups", groups: GROUPS } });
    });

    it("a version takes several $expand values, comma-separated", async () => {
        const props = await get(version, { $expand: "ReplicationStatus, UefiSettings" });
        assert.strictEqual(obj(props.replicationStatus).aggregatedState, "Completed");
        assert.strictEqual((await get(version, { $expand: "UefiSettings" })).replicationStatus, undefined);
    });

    it("a plain GET and a list leave a version's UEFI settings out; $expand=UefiSettings brings them; the PUT's answer carries them", async () => {
        const uefi = `${image}/versions/2.0.0`;
        const uefiSettings = { signatureTemplateNames: ["MicrosoftUefiCertificateAuthorityTemplate"], additionalSignatures: { db: [{ type: "x509", value: ["MIIB"] }] } };
        const put = await armDone(emulator, "PUT", uefi, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } }, securityProfile: { uefiSettings } } });
        // GalleryImageVersion_Create_WithVHD_UefiSettings.json: the 200/201/202 answers carry them.
        assert.deepStrictEqual(obj(obj(put.body.properties).securityProfile).uefiSettings, uefiSettings);
        assert.strictEqual((await get(uefi)).securityProfile, undefined);
        assert.strictEqual((await get(uefi, { $expand: "ReplicationStatus" })).securityProfile, undefined);
        assert.deepStrictEqual(obj((await get(uefi, { $expand: "UefiSettings" })).securityProfile).uefiSettings, uefiSettings);
        assert.deepStrictEqual(obj((await get(uefi, { $expand: "uefisettings,ReplicationStatus" })).securityProfile).uefiSettings, uefiSettings, "matched case-insensitively, with another value");
        const listed = (await arm(emulator, "GET", `${image}/versions`)).body;
        const item = (Array.isArray(listed.value) ? listed.value : []).map(obj).find((v) => v.name === "2.0.0");
        assert.ok(item);
        assert.strictEqual(obj(item.properties).securityProfile, undefined, "GalleryImageVersions_ListByGalleryImage has no $expand");
    });

    it("$expand=ValidationProfile, which the official examples use outside the spec's enum, is served with the version's validations profile", async () => {
        const props = await get(version, { $expand: "ValidationProfile" });
        const profile = obj(props.validationsProfile);
        // Shape of GalleryImageVersion_Get_WithValidationProfile.json; the etag is the published time (spec).
        assert.deepStrictEqual(profile.platformAttributes, [
            { name: "source_image_publisher", value: "p" },
            { name: "source_image_offer", value: "o" },
            { name: "source_image_sku", value: "s" },
            { name: "source_image_version", value: "1.0.0" },
        ]);
        assert.strictEqual(profile.validationEtag, obj(props.publishingProfile).publishedDate);
        assert.deepStrictEqual(profile.executedValidations, []);
        assert.strictEqual(props.replicationStatus, undefined);
        const both = await get(version, { $expand: "ValidationProfile,ReplicationStatus" });
        assert.ok(both.validationsProfile && both.replicationStatus);
        assert.strictEqual((await get(version)).validationsProfile, undefined, "a plain GET leaves it out, as GalleryImageVersion_Get.json does");
    });

    it("an operation without $expand (a definition's GET) ignores it, as ARM passes unknown options on", async () => {
        assert.strictEqual((await get(image, { $expand: "Anything" })).provisioningState, "Succeeded");
    });
});
