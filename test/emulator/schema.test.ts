/** Request bodies bind to the spec's types (schema.ts): read-only members are ignored, names match in any case. */
import * as assert from "assert";
import { ArmEmulator } from "./server";
import { JsonObject, obj } from "./json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;

describe("binding request bodies to the spec's types", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
    });
    after(async () => emulator.stop());

    it("read-only members sent back are accepted and ignored: the service's own values stand", async () => {
        const res = await armDone(emulator, "PUT", `${galleries}/readonly`, {
            id: "/anything",
            name: "other",
            type: "Microsoft.Compute/galleries",
            systemData: { createdBy: "someone" },
            location: "westus",
            properties: { description: "d", provisioningState: "Failed", identifier: { uniqueName: "MINE" }, sharingStatus: { aggregatedState: "Failed" } },
        });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        const props = obj(res.body.properties);
        assert.strictEqual(obj(props.identifier).uniqueName, `${SUBSCRIPTION}-READONLY`);
        assert.strictEqual(props.provisioningState, "Creating");
        assert.strictEqual(props.sharingStatus, undefined);
        assert.strictEqual(res.body.name, "readonly");
    });

    it("a version's GET answer can be PUT back as it is (RPC-Put-V1-25: the PUT body is the 200 answer's schema)", async () => {
        const gallery = `${galleries}/roundtrip`;
        await armDone(emulator, "PUT", gallery, { location: "westus" });
        await armDone(emulator, "PUT", `${gallery}/images/img`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } });
        const version = `${gallery}/images/img/versions/1.0.0`;
        await armDone(emulator, "PUT", version, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } });
        const answer = (await arm(emulator, "GET", version, undefined, { query: { $expand: "ReplicationStatus" } })).body;
        const again = await armDone(emulator, "PUT", version, answer);
        assert.deepStrictEqual([again.status, again.operation], [200, "Succeeded"], JSON.stringify(again.body));
    });

    it("member names bind in any case and are stored in the spec's spelling", async () => {
        const res = await armDone(emulator, "PUT", `${galleries}/casing`, { Location: "westus", Tags: { team: "a" }, PROPERTIES: { Description: "mixed" } } as JsonObject);
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        assert.deepStrictEqual([res.body.location, res.body.tags, obj(res.body.properties).description], ["West US", { team: "a" }, "mixed"]);
        const tooMany = await arm(emulator, "PATCH", `${galleries}/casing`, { TAGS: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) } as JsonObject);
        assert.strictEqual(obj(tooMany.body.error).code, "InvalidTags", "tag limits apply whatever the member's casing");
    });

    it("tags at the limits are accepted (50 tags, 512-character name, 256-character value)", async () => {
        const tags: JsonObject = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, "v"]));
        tags["n".repeat(512)] = "v".repeat(256);
        const res = await arm(emulator, "PUT", `${galleries}/tagged`, { location: "westus", tags });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
    });
});
