/** Gallery identities: the ids Azure assigns come back (spec GalleryIdentity, Common.UserAssignedIdentitiesValue). */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, sdkClient, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const uai = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("gallery identities", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
    });
    after(async () => emulator.stop());

    const identityOf = async (path: string): Promise<JsonObject | undefined> => {
        const body = (await arm(emulator, "GET", path)).body;
        return body.identity === undefined ? undefined : obj(body.identity);
    };

    it("system-assigned: principalId and tenantId come back", async () => {
        const res = await armDone(emulator, "PUT", `${galleries}/system`, { location: "westus", identity: { type: "SystemAssigned" } });
        const identity = obj(res.body.identity);
        assert.strictEqual(identity.type, "SystemAssigned");
        assert.match(String(identity.principalId), GUID);
        assert.match(String(identity.tenantId), GUID);
        assert.strictEqual(identity.userAssignedIdentities, undefined);
    });

    it("user-assigned: principalId and clientId per identity, kept across updates; PATCH merges and null removes", async () => {
        const path = `${galleries}/both`;
        await armDone(emulator, "PUT", path, { location: "westus", identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai("one")]: {} } } });
        const first = obj(await identityOf(path));
        const one = obj(obj(first.userAssignedIdentities)[uai("one")]);
        assert.match(String(one.principalId), GUID);
        assert.match(String(one.clientId), GUID);
        assert.notStrictEqual(one.principalId, first.principalId);

        await armDone(emulator, "PATCH", path, { identity: { userAssignedIdentities: { [uai("two")]: {} } } });
        const second = obj(await identityOf(path));
        assert.strictEqual(second.type, "SystemAssigned, UserAssigned");
        assert.strictEqual(second.principalId, first.principalId, "the system-assigned identity keeps its principal");
        assert.deepStrictEqual(obj(obj(second.userAssignedIdentities)[uai("one")]), one, "a user-assigned identity keeps its ids");
        assert.deepStrictEqual(Object.keys(obj(second.userAssignedIdentities)), [uai("one"), uai("two")]);

        await armDone(emulator, "PATCH", path, { identity: { userAssignedIdentities: { [uai("ONE").replace("/resourceGroups/", "/resourcegroups/")]: null } } });
        assert.deepStrictEqual(Object.keys(obj(obj(await identityOf(path)).userAssignedIdentities)), [uai("two")], "removed by an id in another casing");

        await armDone(emulator, "PATCH", path, { identity: { type: "None" } });
        assert.strictEqual(await identityOf(path), undefined, "type None removes every identity");
    });

    it("the SDK reads the assigned ids", async () => {
        await armDone(emulator, "PUT", `${galleries}/bysdk`, { location: "westus", identity: { type: "UserAssigned", userAssignedIdentities: { [uai("sdk")]: {} } } });
        const g = await sdkClient(emulator).galleries.get(RESOURCE_GROUP, "bysdk");
        assert.match(g.identity?.userAssignedIdentities?.[uai("sdk")]?.clientId ?? "", GUID);
        assert.strictEqual(g.identity?.principalId, undefined, "no system-assigned identity, no principalId");
    });

    it("refuses an identity type outside the spec's closed enum (400 InvalidRequestContent) and changes nothing", async () => {
        const before = JSON.stringify(emulator.service.get(`${galleries}/system`));
        const res = await arm(emulator, "PATCH", `${galleries}/system`, { identity: { type: "ManagedByMagic" } });
        assert.strictEqual(res.status, 400);
        assert.strictEqual(obj(res.body.error).code, "InvalidRequestContent");
        assert.match(String(obj(res.body.error).message), /Path 'identity\.type'/);
        assert.strictEqual(JSON.stringify(emulator.service.get(`${galleries}/system`)), before);
    });
});
