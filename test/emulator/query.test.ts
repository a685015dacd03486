/** GET options: `$select` and comma-separated `$expand`, as the spec's enums allow them (query.ts). */
import * as assert from "assert";
import { ArmEmulator } from "./server";
import { JsonObject, obj } from "./json";
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

    it("an operation without $expand (a definition's GET) ignores it, as ARM passes unknown options on", async () => {
        assert.strictEqual((await get(image, { $expand: "Anything" })).provisioningState, "Succeeded");
    });
});
