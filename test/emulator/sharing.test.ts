/**
 * Shared galleries: what the sharing pages document (Microsoft Learn share-gallery-direct.md,
 * share-gallery-community.md, azure-compute-gallery.md; ERRORS.md §1) — a community gallery is deleted
 * only after its sharing is reset, a gallery is shared with at most 30 subscriptions and 5 tenants, and
 * neither direct nor community sharing exists in the government cloud.
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, obj } from "../../emulator/json";
import { arm, armOk } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const COMMUNITY: JsonObject = {
    permissions: "Community",
    communityGalleryInfo: { publisherUri: "https://contoso.example", publisherContact: "images@contoso.example", eula: "https://contoso.example/eula", publicNamePrefix: "contoso" },
};

const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(4, "0")}-0000-0000-0000-000000000000`);


describe("shared galleries", function () {
    let emulator: ArmEmulator;
    // Synchronous answers: nothing here needs a running operation.
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0 });
    });
    after(async () => emulator.stop());

    it("a gallery shared with the community is deleted only after a Reset stops the sharing (share-gallery-community.md)", async () => {
        const g = `${galleries}/community`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: COMMUNITY } });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "EnableCommunity" });
        const refused = await arm(emulator, "DELETE", g);
        assert.strictEqual(refused.status, 409, JSON.stringify(refused.body));
        assert.strictEqual(obj(refused.body.error).code, "OperationNotAllowed");
        assert.match(String(obj(refused.body.error).message), /shared with the community/);
        assert.ok(emulator.service.get(g), "the refused delete left the gallery");

        await armOk(emulator, "POST", `${g}/share`, { operationType: "Reset" });
        // As a real gallery answers once reset (Azure/azure-cli recording test_community_gallery_operations.yaml):
        // private, its community information gone.
        assert.deepStrictEqual(obj(emulator.service.get(g)?.properties).sharingProfile, { permissions: "Private", groups: [] });
        assert.strictEqual((await arm(emulator, "DELETE", g)).status, 200);
        assert.strictEqual(emulator.service.get(g), undefined);
    });

    it("a community gallery's public name is its prefix and a GUID, given at create and kept through updates and EnableCommunity (share-gallery-community.md; recorded answers)", async () => {
        const g = `${galleries}/named`;
        const created = await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: COMMUNITY } });
        const info = (body: JsonObject) => obj(obj(obj(body.properties).sharingProfile).communityGalleryInfo);
        const [name] = info(created).publicNames as string[];
        assert.match(name, /^contoso-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.strictEqual(info(created).communityGalleryEnabled, false);
        const updated = await armOk(emulator, "PUT", g, { location: "westus", properties: { description: "d", sharingProfile: COMMUNITY } });
        assert.deepStrictEqual(info(updated).publicNames, [name], "an update keeps the name");
        await armOk(emulator, "POST", `${g}/share`, { operationType: "EnableCommunity" });
        const enabled = await armOk(emulator, "GET", g);
        assert.deepStrictEqual([info(enabled).communityGalleryEnabled, info(enabled).publicNames], [true, [name]]);
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Reset" });
    });

    it("a Reset leaves a gallery shared with groups private, as a real one reads back (recording test_create_vm_with_shared_gallery_image.yaml)", async () => {
        const g = `${galleries}/wasdirect`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: { permissions: "Groups" } } });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: ids(1, "a") }] });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Reset" });
        const read = await armOk(emulator, "GET", g);
        assert.deepStrictEqual(obj(read.properties).sharingProfile, { permissions: "Private" });
    });

    it("a community gallery never enabled for the community is deleted at once", async () => {
        const g = `${galleries}/notyetpublic`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: COMMUNITY } });
        assert.strictEqual((await arm(emulator, "DELETE", g)).status, 200);
    });

    it("a gallery shared with subscriptions is deleted without a reset: the direct-sharing page asks for none", async () => {
        const g = `${galleries}/direct`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: { permissions: "Groups" } } });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: ids(1, "a") }] });
        assert.strictEqual((await arm(emulator, "DELETE", g)).status, 200);
    });

    it("shares a gallery with up to 30 subscriptions and 5 tenants, and refuses one more of either (azure-compute-gallery.md, Limitations)", async () => {
        const g = `${galleries}/limits`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { sharingProfile: { permissions: "Groups" } } });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: ids(29, "b") }, { type: "AADTenants", ids: ids(5, "c") }] });
        // Ids already shared with do not count twice.
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: [...ids(29, "b").slice(0, 3), ...ids(1, "d")] }] });
        const shared = () => JSON.stringify(emulator.service.get(g));
        const before = shared();
        for (const group of [{ type: "Subscriptions", ids: ids(1, "e") }, { type: "AADTenants", ids: ids(1, "f") }]) {
            const res = await arm(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [group] });
            assert.strictEqual(res.status, 400, JSON.stringify(res.body));
            assert.deepStrictEqual([obj(res.body.error).code, obj(res.body.error).target], ["InvalidParameter", "sharingUpdate.groups"]);
            assert.strictEqual(shared(), before, "a refused share changes nothing");
        }
        // Room is made by removing one.
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Remove", groups: [{ type: "Subscriptions", ids: ids(1, "d") }] });
        await armOk(emulator, "POST", `${g}/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: ids(1, "e") }] });
    });
});

describe("galleries in the government cloud", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, cloud: "AzureUSGovernment" });
    });
    after(async () => emulator.stop());

    it("refuses direct and community sharing: neither is available in government clouds (share-gallery-direct.md, share-gallery-community.md)", async () => {
        for (const sharingProfile of [{ permissions: "Groups" }, COMMUNITY]) {
            const res = await arm(emulator, "PUT", `${galleries}/shared`, { location: "usgovvirginia", properties: { sharingProfile } });
            assert.strictEqual(res.status, 400, JSON.stringify(res.body));
            assert.deepStrictEqual([obj(res.body.error).code, obj(res.body.error).target], ["InvalidParameter", "gallery.properties.sharingProfile.permissions"]);
            assert.strictEqual(emulator.service.get(`${galleries}/shared`), undefined);
        }
        const privateGallery = await arm(emulator, "PUT", `${galleries}/private`, { location: "US Gov Virginia", properties: { sharingProfile: { permissions: "Private" } } });
        assert.strictEqual(privateGallery.status, 201, JSON.stringify(privateGallery.body));
        assert.strictEqual(privateGallery.body.location, "US Gov Virginia");
    });

    it("has its own regions: a public region is not available there, nor a government region in the public cloud", async () => {
        const res = await arm(emulator, "PUT", `${galleries}/public`, { location: "westus" });
        assert.deepStrictEqual([res.status, obj(res.body.error).code], [400, "LocationNotAvailableForResourceType"]);
        assert.match(String(obj(res.body.error).message), /'usgovvirginia,usgovarizona,usgovtexas,usdodcentral,usdodeast'/);
        const publicCloud = await startTestEmulator({ operationMs: 0 });
        try {
            const there = await arm(publicCloud, "PUT", `${galleries}/gov`, { location: "usgovvirginia" });
            assert.deepStrictEqual([there.status, obj(there.body.error).code], [400, "LocationNotAvailableForResourceType"]);
        } finally {
            await publicCloud.stop();
        }
    });
});
