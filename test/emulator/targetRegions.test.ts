/**
 * A version's target regions are sent whole on every PUT and PATCH: a region that leaves a member out
 * is given the version's global (publishing-level) value, not the one it held. Oracles: the spec
 * (GalleryArtifactPublishingProfileBase.replicaCount "would take effect for a region when
 * regionalReplicaCount is not specified"), the service's answer quoted in Azure/azure-powershell#9911
 * (ERRORS.md §3) and the official example GalleryImageVersion_Update.json.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, arr, obj, str } from "../../emulator/json";
import { arm } from "../support/http";
import { EXAMPLES_DIR } from "../support/azureSpec";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const gallery = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/regions`;
const image = `${gallery}/images/img`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const GLOBAL_MISMATCH = /^Global storage account type does not match the storage account type in the existing TargetRegion: '(.+)'\. Please specify '(.+)' as the storage account type for this region\.$/;

let next = 0;
const newVersion = () => `${image}/versions/1.0.${next++}`;

function regionsOf(body: JsonObject): JsonObject[] {
    return arr(obj(obj(body.properties).publishingProfile).targetRegions).map(obj);
}

function region(body: JsonObject, name: string): JsonObject {
    const found = regionsOf(body).find((r) => str(r.name) === name);
    assert.ok(found, `no region ${name} in ${JSON.stringify(regionsOf(body))}`);
    return found;
}

describe("target regions sent whole", function () {
    let emulator: ArmEmulator;
    // Synchronous answers: nothing here needs a running operation.
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0 });
        assert.strictEqual((await arm(emulator, "PUT", gallery, { location: "westus" })).status, 201);
        const def = { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } };
        assert.strictEqual((await arm(emulator, "PUT", image, def)).status, 201);
    });
    after(async () => emulator.stop());

    async function create(publishing: JsonObject): Promise<string> {
        const v = newVersion();
        const res = await arm(emulator, "PUT", v, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: publishing } });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        return v;
    }

    it("refuses a region left without its storage type when the global type differs from the one it holds (azure-powershell#9911)", async () => {
        const v = await create({ storageAccountType: "Standard_LRS", targetRegions: [{ name: "westus" }, { name: "westus2", storageAccountType: "Standard_ZRS" }] });
        const before = JSON.stringify(emulator.service.get(v));
        const res = await arm(emulator, "PATCH", v, { properties: { publishingProfile: { replicaCount: 2, targetRegions: [{ name: "westus" }, { name: "westus2" }] } } });
        assert.strictEqual(res.status, 400, JSON.stringify(res.body));
        const error = obj(res.body.error);
        assert.strictEqual(error.code, "InvalidParameter");
        assert.deepStrictEqual(GLOBAL_MISMATCH.exec(String(error.message))?.slice(1), ["West US 2", "Standard_ZRS"], String(error.message));
        assert.strictEqual(JSON.stringify(emulator.service.get(v)), before, "a refused request changes nothing");

        // The same list naming the type it holds goes through.
        const named = await arm(emulator, "PATCH", v, { properties: { publishingProfile: { replicaCount: 2, targetRegions: [{ name: "westus" }, { name: "westus2", storageAccountType: "Standard_ZRS" }] } } });
        assert.strictEqual(named.status, 200, JSON.stringify(named.body));
    });

    it("refuses the same on a PUT, whose list is whole too", async () => {
        const v = await create({ storageAccountType: "Standard_LRS", targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Premium_LRS" }] });
        const res = await arm(emulator, "PUT", v, {
            location: "westus",
            properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: { storageAccountType: "Standard_LRS", targetRegions: [{ name: "westus" }, { name: "eastus" }] } },
        });
        assert.strictEqual(res.status, 400, JSON.stringify(res.body));
        assert.deepStrictEqual(GLOBAL_MISMATCH.exec(String(obj(res.body.error).message))?.slice(1), ["East US", "Premium_LRS"]);
    });

    it("fills a region left without its storage type from the global type, which is then the type it held", async () => {
        const v = await create({ storageAccountType: "Standard_ZRS", targetRegions: [{ name: "eastus" }, { name: "westus", storageAccountType: "Standard_LRS" }, { name: "eastus2" }] });
        const res = await arm(emulator, "PATCH", v, { properties: { publishingProfile: { targetRegions: [{ name: "eastus" }, { name: "westus", storageAccountType: "Standard_LRS" }, { name: "eastus2" }] } } });
        assert.strictEqual(res.status, 200, JSON.stringify(res.body));
        assert.deepStrictEqual(regionsOf(res.body).map((r) => [r.name, r.storageAccountType]), [["East US", "Standard_ZRS"], ["West US", "Standard_LRS"], ["East US 2", "Standard_ZRS"]]);
    });

    it("gives a region left without its replica count the version's replicaCount, not the count it had (spec: replicaCount)", async () => {
        const v = await create({ replicaCount: 1, targetRegions: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3, storageAccountType: "Standard_LRS" }] });
        assert.strictEqual(region(obj(emulator.service.get(v)), "East US").regionalReplicaCount, 3);
        const res = await arm(emulator, "PATCH", v, { properties: { publishingProfile: { replicaCount: 2, targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Standard_LRS" }] } } });
        assert.strictEqual(res.status, 200, JSON.stringify(res.body));
        assert.deepStrictEqual(regionsOf(res.body).map((r) => r.regionalReplicaCount), [2, 2]);
    });

    it("keeps a region's encryption when the list leaves it out, as GalleryImageVersion_Update.json answers", async () => {
        const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "GalleryImageVersion_Update.json"), "utf8")) as { parameters: JsonObject; responses: Record<string, { body: JsonObject }> };
        const request = obj(ex.parameters.galleryImageVersion);
        const answer = ex.responses["200"].body;
        // The example's request leaves West US's encryption out while its answer carries one.
        const asked = regionsOf(request).find((r) => r.name === "West US");
        assert.ok(asked && asked.encryption === undefined, "the example no longer leaves West US's encryption out");
        const expected = region(answer, "West US").encryption;
        assert.ok(expected !== undefined);

        const v = newVersion();
        const publishing: JsonObject = { ...obj(obj(answer.properties).publishingProfile) };
        delete publishing.publishedDate; // read-only
        const created = await arm(emulator, "PUT", v, { location: "West US", properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: publishing } });
        assert.strictEqual(created.status, 201, JSON.stringify(created.body));
        const res = await arm(emulator, "PATCH", v, { properties: { publishingProfile: obj(obj(request.properties).publishingProfile) } });
        assert.strictEqual(res.status, 200, JSON.stringify(res.body));
        assert.deepStrictEqual(region(res.body, "West US").encryption, expected);
    });
});
