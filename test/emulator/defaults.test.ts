/** What the service fills in, by api-version (defaults.ts). */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue, arr, obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const gallery = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/defaults`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;

let n = 0;
const definition = (props: JsonObject = {}): JsonObject => ({
    location: "westus",
    properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: `sku${n++}` }, ...props },
});

describe("defaults by api-version", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
        await armDone(emulator, "PUT", gallery, { location: "westus" });
        await armDone(emulator, "PUT", `${gallery}/images/base`, definition({ hyperVGeneration: "V2" }));
    });
    after(async () => emulator.stop());

    async function created(path: string, body: JsonValue, apiVersion: string): Promise<JsonObject> {
        const res = await armDone(emulator, "PUT", path, body, { apiVersion });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        return obj((await arm(emulator, "GET", path, undefined, { apiVersion })).body.properties);
    }

    const definitions: { api: string; props: JsonObject; generation: string; features: JsonValue[] }[] = [
        // Before 2025-03-03: generation 1, no security type (shared-image-galleries.md).
        { api: "2024-03-03", props: {}, generation: "V1", features: [] },
        // From 2025-03-03: V2 and TrustedLaunchSupported (azure-compute-gallery.md, Trusted Launch validation).
        { api: "2025-03-03", props: {}, generation: "V2", features: [{ name: "SecurityType", value: "TrustedLaunchSupported" }] },
        { api: "2025-12-03", props: {}, generation: "V2", features: [{ name: "SecurityType", value: "TrustedLaunchSupported" }] },
        { api: "2025-03-03", props: { hyperVGeneration: "V1" }, generation: "V1", features: [] },
        { api: "2025-03-03", props: { features: [{ name: "SecurityType", value: "Standard" }] }, generation: "V2", features: [{ name: "SecurityType", value: "Standard" }] },
        { api: "2025-03-03", props: { features: [{ name: "SecurityType" }] }, generation: "V2", features: [{ name: "SecurityType", value: "TrustedLaunchSupported" }] },
        {
            api: "2025-03-03",
            props: { features: [{ name: "IsAcceleratedNetworkSupported", value: "True" }] },
            generation: "V2",
            features: [{ name: "IsAcceleratedNetworkSupported", value: "True" }, { name: "SecurityType", value: "TrustedLaunchSupported" }],
        },
    ];
    for (const d of definitions) {
        it(`a definition created at ${d.api} with ${JSON.stringify(d.props)}: ${d.generation}, features ${JSON.stringify(d.features)}, x64`, async () => {
            const props = await created(`${gallery}/images/def${n}`, definition(d.props), d.api);
            assert.strictEqual(props.hyperVGeneration, d.generation);
            assert.deepStrictEqual(props.features ?? [], d.features);
            assert.strictEqual(props.architecture, "x64");
        });
    }

    const twoRegions = { targetRegions: [{ name: "westus" }, { name: "eastus" }] };
    const versions: { rule: string; api: string; publishing: JsonObject; types: string[]; reported: JsonObject }[] = [
        // From 2025-03-03 the default strategy is PreferStandard_ZRS (spec, StorageAccountStrategy): ZRS where the region has zones.
        { rule: "neither type nor strategy, 2025-03-03", api: "2025-03-03", publishing: twoRegions, types: ["Standard_LRS", "Standard_ZRS"], reported: { storageAccountType: "Standard_LRS" } },
        { rule: "neither type nor strategy, 2024-03-03", api: "2024-03-03", publishing: twoRegions, types: ["Standard_LRS", "Standard_LRS"], reported: { storageAccountType: "Standard_LRS" } },
        { rule: "DefaultStandard_LRS", api: "2025-03-03", publishing: { ...twoRegions, storageAccountStrategy: "DefaultStandard_LRS" }, types: ["Standard_LRS", "Standard_LRS"], reported: { storageAccountStrategy: "DefaultStandard_LRS" } },
        { rule: "a publishing-level Premium_LRS", api: "2025-03-03", publishing: { ...twoRegions, storageAccountType: "Premium_LRS" }, types: ["Premium_LRS", "Premium_LRS"], reported: { storageAccountType: "Premium_LRS" } },
    ];
    for (const v of versions) {
        it(`a version with ${v.rule}: regions ${v.types.join(", ")}`, async () => {
            const path = `${gallery}/images/base/versions/1.0.${n++}`;
            const props = await created(path, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: v.publishing } }, v.api);
            const pub = obj(props.publishingProfile);
            assert.deepStrictEqual(arr(pub.targetRegions).map((t) => obj(t).storageAccountType), v.types);
            for (const [k, value] of Object.entries(v.reported)) assert.strictEqual(pub[k], value, k);
            assert.strictEqual(pub[v.reported.storageAccountType ? "storageAccountStrategy" : "storageAccountType"], undefined, "only what the examples report");
        });
    }

    it("a version's other defaults, as the official examples show them", async () => {
        const props = await created(`${gallery}/images/base/versions/2.0.0`, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } }, "2025-03-03");
        const pub = obj(props.publishingProfile);
        assert.deepStrictEqual([pub.replicaCount, pub.excludeFromLatest, typeof pub.publishedDate], [1, false, "string"]);
        // No excludeFromLatest of the region's own, none having been sent (GalleryImageVersion_Create_WithStorageAccountStrategy.json).
        assert.deepStrictEqual(pub.targetRegions, [{ name: "West US", regionalReplicaCount: 1, storageAccountType: "Standard_LRS" }]);
        assert.strictEqual(pub.replicationMode, undefined, "the examples report replicationMode only when it was asked for");
        assert.deepStrictEqual(props.safetyProfile, { allowDeletionOfReplicatedLocations: false, blockDeletionBeforeEndOfLife: false, reportedForPolicyViolation: false, policyViolations: [] });
    });

    it("a region added later follows the version's own default (ZRS where there are zones)", async () => {
        const path = `${gallery}/images/base/versions/3.0.0`;
        await created(path, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } }, "2025-03-03");
        await armDone(emulator, "PATCH", path, { properties: { publishingProfile: { targetRegions: [{ name: "westus" }, { name: "northeurope" }, { name: "ukwest" }] } } });
        const pub = obj(obj((await arm(emulator, "GET", path)).body.properties).publishingProfile);
        assert.deepStrictEqual(arr(pub.targetRegions).map((t) => [obj(t).name, obj(t).storageAccountType]), [["West US", "Standard_LRS"], ["North Europe", "Standard_ZRS"], ["UK West", "Standard_LRS"]]);
    });
});
