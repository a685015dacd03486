/**
 * A keyed list is sent whole (ARM replaces arrays): each element must carry what Azure holds for the
 * members the program leaves out, or the request changes them. The emulator is the judge: it fills an
 * omitted region storage type from the version's global one and refuses a mismatch with the type the
 * region holds (ERRORS.md §3, "Global storage account type does not match the storage account type in
 * the existing TargetRegion"), resets an omitted excludeFromLatest to false, and keeps an omitted
 * encryption (GalleryImageVersion_Update.json). Driven through the real SDK, as the engine drives the
 * provider.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, armId, emulatorForProvider, sdkClient } from "../support/emulator";
import { galleryInputs, imageInputs } from "./inputs";
import { Resource } from "./resource";

const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/zonal`;
const DES = `/subscriptions/${SUBSCRIPTION}/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/west2`;

interface HeldRegion {
    name: string;
    regionalReplicaCount?: number;
    storageAccountType?: string;
    excludeFromLatest?: boolean;
    encryption?: unknown;
}

describe("lists sent whole carry what Azure holds for the members the program leaves out", function () {
    const emulator = emulatorForProvider({ echo: "recased", replicationMsPerRegion: 20 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const held = (version: string) =>
        (emulator().service.get(armId("whole", "ubuntu", version)) as unknown as { properties: { publishingProfile: { storageAccountType?: string; targetRegions: HeldRegion[] } } }).properties
            .publishingProfile;
    const region = (version: string, name: string) => held(version).targetRegions.find((r) => r.name === name);

    before(async () => {
        emulator().service.registerSource(SOURCE, { location: "eastus", osDiskSizeGB: 30 });
        await providers.gallery.create(galleryInputs({ galleryName: "whole", location: "eastus" }));
        await providers.galleryImage.create(imageInputs({ galleryName: "whole", location: "eastus" }));
    });

    /**
     * A version made outside this program (the portal, a script): regions on zone-redundant storage
     * while the version's global type is Standard_LRS, one region out of latest and encrypted.
     */
    async function madeElsewhere(version: string) {
        const poller = await sdkClient(emulator()).galleryImageVersions.beginCreateOrUpdate(
            RESOURCE_GROUP,
            "whole",
            "ubuntu",
            version,
            {
                location: "eastus",
                storageProfile: { source: { id: SOURCE } },
                publishingProfile: {
                    storageAccountType: "Standard_LRS",
                    targetRegions: [
                        { name: "East US", regionalReplicaCount: 1, storageAccountType: "Standard_ZRS" },
                        { name: "West US 2", regionalReplicaCount: 2, storageAccountType: "Standard_ZRS", excludeFromLatest: true, encryption: { osDiskImage: { diskEncryptionSetId: DES } } },
                    ],
                },
            },
            FAST_POLL,
        );
        return poller;
    }

    const program = (version: string, regions: Inputs[]): Inputs => ({
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "whole",
        galleryImageName: "ubuntu",
        galleryImageVersionName: version,
        location: "eastus",
        storageProfile: { source: { id: SOURCE } },
        publishingProfile: { storageAccountType: "Standard_LRS", targetRegions: regions },
    });

    /** The program without a storage type of the version's own: each region's is Azure's. */
    const regionsOnly = (version: string, regions: Inputs[]): Inputs => {
        const p = program(version, regions);
        delete (p.publishingProfile as Inputs).storageAccountType;
        return p;
    };

    it("a replica-count change in one region: one PATCH, accepted, nothing else changed", async () => {
        await (await madeElsewhere("1.0.0")).pollUntilDone();
        const version = new Resource("galleryImageVersion");
        // The program takes the version over and lists its regions by name alone: Azure's values stand.
        await version.up({ ...program("1.0.0", [{ name: "eastus" }, { name: "westus2" }]), adopt: true });
        await version.settled(program("1.0.0", [{ name: "eastus" }, { name: "westus2" }]));

        const at = emulator().requests.length;
        const d = await version.up(program("1.0.0", [{ name: "eastus", regionalReplicaCount: 3 }, { name: "westus2" }]));
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        const writes = emulator().writes(at);
        assert.deepStrictEqual(
            writes.map((w) => `${w.method} ${w.status}`),
            ["PATCH 200"],
            writes.map((w) => `${w.method} ${w.path} ${w.status}`).join("; "),
        );
        // East US was made without an excludeFromLatest of its own, and still has none.
        assert.deepStrictEqual(region("1.0.0", "East US"), { name: "East US", regionalReplicaCount: 3, storageAccountType: "Standard_ZRS" });
        const west = region("1.0.0", "West US 2");
        assert.deepStrictEqual([west?.regionalReplicaCount, west?.storageAccountType, west?.excludeFromLatest], [2, "Standard_ZRS", true]);
        assert.strictEqual(JSON.stringify(west?.encryption).toLowerCase().includes("diskencryptionsets/west2"), true, JSON.stringify(west));
        assert.strictEqual(held("1.0.0").storageAccountType, "Standard_LRS");
        await version.settled(program("1.0.0", [{ name: "eastus", regionalReplicaCount: 3 }, { name: "westus2" }]));
    });

    it("a region added beside held ones: one PATCH, the held regions keep their storage type", async () => {
        await (await madeElsewhere("1.0.1")).pollUntilDone();
        const version = new Resource("galleryImageVersion");
        await version.up({ ...program("1.0.1", [{ name: "eastus" }, { name: "westus2" }]), adopt: true });
        const at = emulator().requests.length;
        await version.up({ ...program("1.0.1", [{ name: "eastus" }, { name: "westus2" }, { name: "westus" }]), safetyProfile: { allowDeletionOfReplicatedLocations: false } });
        assert.deepStrictEqual(emulator().writes(at).map((w) => `${w.method} ${w.status}`), ["PATCH 200"]);
        assert.deepStrictEqual(
            held("1.0.1").targetRegions.map((r) => [r.name, r.storageAccountType]),
            [["East US", "Standard_ZRS"], ["West US 2", "Standard_ZRS"], ["West US", "Standard_LRS"]],
        );
        assert.strictEqual(region("1.0.1", "West US 2")?.excludeFromLatest, true);
    });

    it("a region without a flag of its own follows the version's excludeFromLatest: stating false there, under an excluded version, is sent", async () => {
        // Spec: the version's flag keeps it from VMs asking for latest; a region's own flag decides there.
        const version = new Resource("galleryImageVersion");
        const excluded = (regions: Inputs[]): Inputs => {
            const p = program("1.0.4", regions);
            (p.publishingProfile as Inputs).excludeFromLatest = true;
            return p;
        };
        await version.up(excluded([{ name: "eastus" }, { name: "westus2" }]));
        assert.strictEqual(region("1.0.4", "East US")?.excludeFromLatest, undefined, "made without a flag of its own");
        await version.settled(excluded([{ name: "eastus" }, { name: "westus2", excludeFromLatest: true }]));
        const at = emulator().requests.length;
        const d = await version.up(excluded([{ name: "eastus", excludeFromLatest: false }, { name: "westus2" }]));
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(emulator().writes(at).map((w) => `${w.method} ${w.status}`), ["PATCH 200"]);
        assert.strictEqual(region("1.0.4", "East US")?.excludeFromLatest, false);
        await version.settled(excluded([{ name: "eastus", excludeFromLatest: false }, { name: "westus2" }]));
    });

    it("a region's replica count that follows the version's follows its change; one of the region's own stays", async () => {
        // Spec (TargetRegion.regionalReplicaCount, replicaCount): the version's count "takes effect for a
        // region when regionalReplicaCount is not specified". East US holds 1, the version's; West US 2 its own 2.
        await (await madeElsewhere("1.0.3")).pollUntilDone();
        const version = new Resource("galleryImageVersion");
        await version.up({ ...program("1.0.3", [{ name: "eastus" }, { name: "westus2" }]), adopt: true });
        const at = emulator().requests.length;
        const next = program("1.0.3", [{ name: "eastus" }, { name: "westus2" }, { name: "westus" }]);
        (next.publishingProfile as Inputs).replicaCount = 3;
        await version.up(next);
        assert.deepStrictEqual(emulator().writes(at).map((w) => `${w.method} ${w.status}`), ["PATCH 200"]);
        assert.deepStrictEqual(
            held("1.0.3").targetRegions.map((r) => [r.name, r.regionalReplicaCount, r.storageAccountType]),
            [["East US", 3, "Standard_ZRS"], ["West US 2", 2, "Standard_ZRS"], ["West US", 3, "Standard_LRS"]],
        );
    });

    it("a region's replica sets the program never lists stay through a change of its replica count; sets the program stops listing are cleared", async () => {
        // Made elsewhere with direct-drive replicas in East US, as GalleryImageVersion_Create_WithAdditionalReplicaSets.json makes them.
        const sets = [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 1 }];
        await sdkClient(emulator()).galleryImageVersions.beginCreateOrUpdateAndWait(
            RESOURCE_GROUP,
            "whole",
            "ubuntu",
            "1.0.5",
            { location: "eastus", storageProfile: { source: { id: SOURCE } }, publishingProfile: { targetRegions: [{ name: "East US", additionalReplicaSets: sets }, { name: "West US 2" }] } },
            FAST_POLL,
        );
        const version = new Resource("galleryImageVersion");
        const named = regionsOnly("1.0.5", [{ name: "eastus" }, { name: "westus2" }]);
        await version.up({ ...named, adopt: true });
        await version.settled(named);
        const counted = regionsOnly("1.0.5", [{ name: "eastus", regionalReplicaCount: 2 }, { name: "westus2" }]);
        await version.up(counted);
        assert.deepStrictEqual([region("1.0.5", "East US")?.regionalReplicaCount, (region("1.0.5", "East US") as { additionalReplicaSets?: unknown })?.additionalReplicaSets], [2, sets]);
        await version.settled(counted);

        // Listed by the program, then left out: cleared, with one update; after that, quiet.
        const listed = regionsOnly("1.0.5", [{ name: "eastus", regionalReplicaCount: 2, additionalReplicaSets: sets }, { name: "westus2" }]);
        await version.up(listed);
        await version.up(counted);
        assert.deepStrictEqual((region("1.0.5", "East US") as { additionalReplicaSets?: unknown[] })?.additionalReplicaSets ?? [], []);
        await version.settled(counted);
    });

    it("replica sets added in the portal after the last up stay through an update of another region, with no refresh between (pulumi up's default)", async () => {
        const sets = [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 1 }];
        const version = new Resource("galleryImageVersion");
        const both = (regions: Inputs[]) => regionsOnly("1.0.7", regions);
        await version.up(both([{ name: "eastus" }, { name: "westus2" }]));
        await sdkClient(emulator()).galleryImageVersions.beginUpdateAndWait(RESOURCE_GROUP, "whole", "ubuntu", "1.0.7", { publishingProfile: { targetRegions: [{ name: "East US", additionalReplicaSets: sets }, { name: "West US 2" }] } }, FAST_POLL);
        await version.up(both([{ name: "eastus" }, { name: "westus2", regionalReplicaCount: 2 }]));
        assert.deepStrictEqual([(region("1.0.7", "East US") as { additionalReplicaSets?: unknown })?.additionalReplicaSets, region("1.0.7", "West US 2")?.regionalReplicaCount], [sets, 2]);
    });

    it("a region change whose read before it gets no answer sends nothing and fails, so that nothing made in the portal since the last up is lost", async () => {
        const version = new Resource("galleryImageVersion");
        const both = (regions: Inputs[]) => regionsOnly("1.0.8", regions);
        await version.up(both([{ name: "eastus" }, { name: "westus2" }]));
        emulator().faults.add({ method: "GET", path: "/whole/images/ubuntu/versions/1.0.8", action: { kind: "status", status: 429, retryAfterSeconds: 0 }, times: 50 });
        const at = emulator().requests.length;
        try {
            await assert.rejects(version.up(both([{ name: "eastus" }, { name: "westus2", regionalReplicaCount: 2 }])), /did not return the resource, whose lists the change replaces whole/);
        } finally {
            emulator().faults.clear();
        }
        assert.deepStrictEqual(emulator().writes(at), []);
    });

    it("a user-assigned identity added in the portal since the last up stays when the program adds another: only one the program dropped is sent as null (ARM merges a PATCHed map)", async () => {
        const UAI = (n: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`;
        const gallery = new Resource("gallery");
        const withIds = (ids: string[]) => galleryInputs({ galleryName: "identities", location: "eastus", identity: { type: "UserAssigned", userAssignedIdentities: Object.fromEntries(ids.map((i) => [UAI(i), {}])) } });
        const held = () => Object.keys((emulator().service.get(armId("identities")) as unknown as { identity?: { userAssignedIdentities?: Record<string, unknown> } }).identity?.userAssignedIdentities ?? {}).map((k) => k.split("/").pop()?.toLowerCase()).sort();
        await gallery.up(withIds(["a", "b"]));
        await sdkClient(emulator()).galleries.beginUpdateAndWait(RESOURCE_GROUP, "identities", { identity: { type: "UserAssigned", userAssignedIdentities: { [UAI("a")]: {}, [UAI("b")]: {}, [UAI("portal")]: {} } } }, FAST_POLL);
        await gallery.up(withIds(["a", "c"]));
        assert.deepStrictEqual(held(), ["a", "c", "portal"]);
    });

    it("the members of a list's elements go in the service's casing, as top-level values do", async () => {
        const version = new Resource("galleryImageVersion");
        const written = program("1.0.6", [{ name: "eastus", storageAccountType: "standard_zrs", additionalReplicaSets: [{ storageAccountType: "premiumv2_lrs" }] }]);
        (written.publishingProfile as Inputs).storageAccountType = "standard_lrs";
        await version.up(written);
        assert.deepStrictEqual(
            [held("1.0.6").storageAccountType, region("1.0.6", "East US")?.storageAccountType, (region("1.0.6", "East US") as { additionalReplicaSets?: { storageAccountType: string }[] })?.additionalReplicaSets?.[0].storageAccountType],
            ["Standard_LRS", "Standard_ZRS", "PremiumV2_LRS"],
        );
        await version.settled(written);
    });

    it("a version Azure holds Failed is sent again whole with what it holds: the PUT is accepted", async () => {
        emulator().faults.add({ method: "PUT", path: "/whole/images/ubuntu/versions/1.0.2", action: { kind: "replicationFails", region: "westus2", message: "transient" }, times: 1 });
        await (await madeElsewhere("1.0.2")).pollUntilDone().catch(() => undefined);
        assert.strictEqual((emulator().service.get(armId("whole", "ubuntu", "1.0.2")) as unknown as { properties: { provisioningState?: string } }).properties.provisioningState, "Failed");
        const version = new Resource("galleryImageVersion");
        const at = emulator().requests.length;
        await version.up({ ...program("1.0.2", [{ name: "eastus" }, { name: "westus2" }]), adopt: true });
        const writes = emulator().writes(at);
        assert.deepStrictEqual(writes.map((w) => `${w.method} ${w.status}`).slice(0, 1), ["PUT 200"], writes.map((w) => `${w.method} ${w.path} ${w.status}`).join("; "));
        assert.strictEqual(version.outputs.provisioningState, "Succeeded");
        assert.deepStrictEqual(
            held("1.0.2").targetRegions.map((r) => [r.name, r.storageAccountType, r.regionalReplicaCount, r.excludeFromLatest ?? false]),
            [["East US", "Standard_ZRS", 1, false], ["West US 2", "Standard_ZRS", 2, true]],
        );
    });
});

type Feature = { name: string; value: string; startsAtVersion?: string };

describe("an image definition's features, a list Azure replaces whole and open to any name, keep what Azure holds that the program does not change", function () {
    const emulator = emulatorForProvider({ echo: "recased" }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const identifier = (sku: string) => ({ publisher: "contoso", offer: "features", sku });
    const features = (name: string) => (emulator().service.get(armId("features", name)) as unknown as { properties: { features: Feature[] } }).properties.features;
    const sorted = (f: Feature[]) => [...f].sort((a, b) => a.name.localeCompare(b.name));
    const program = (name: string, x: Inputs = {}): Inputs =>
        imageInputs({ galleryName: "features", galleryImageName: name, location: "eastus", hyperVGeneration: "V2", identifier: identifier(name), ...x });
    // A feature the spec's open list admits and no argument here describes.
    const NEWER = { name: "IsNewerFeatureSupported", value: "True" };

    /** A definition made elsewhere (the portal, the CLI), its features then set as the official GalleryImage_UpdateFeatures example sets them. */
    async function elsewhere(name: string, held: Feature[]) {
        const sdk = sdkClient(emulator());
        const definition = { location: "eastus", osType: "Linux" as const, osState: "Generalized" as const, hyperVGeneration: "V2" as const, identifier: identifier(name) };
        await sdk.galleryImages.beginCreateOrUpdateAndWait(RESOURCE_GROUP, "features", name, { ...definition, features: [{ name: "SecurityType", value: "TrustedLaunchSupported" }] }, FAST_POLL);
        await sdk.galleryImages.beginUpdateAndWait(RESOURCE_GROUP, "features", name, { allowUpdateImage: true, features: held }, FAST_POLL);
    }

    /** Azure holds the definition Failed, after an operation of its own failed on it. */
    async function failed(name: string) {
        emulator().faults.add({ method: "PATCH", path: new RegExp(`/features/images/${name}$`), action: { kind: "operationFails" }, times: 1 });
        await sdkClient(emulator()).galleryImages.beginUpdateAndWait(RESOURCE_GROUP, "features", name, { description: "edited in the portal" }, FAST_POLL).catch(() => undefined);
        assert.strictEqual((emulator().service.get(armId("features", name)) as unknown as { properties: { provisioningState: string } }).properties.provisioningState, "Failed");
    }

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: "features", location: "eastus" }));
    });

    it("taken over, then a feature changed: a feature no argument describes, and a held startsAtVersion, stay", async () => {
        await elsewhere("takeover", [{ name: "SecurityType", value: "TrustedLaunchSupported", startsAtVersion: "2.0.0" }, NEWER]);
        const image = new Resource("galleryImage");
        const x = { securityType: "TrustedLaunchSupported", isAcceleratedNetworkSupported: true };
        // The create's PATCH carries the feature the program adds, and so replaces the list.
        await image.up(program("takeover", { adopt: true, ...x }));
        assert.deepStrictEqual(sorted(features("takeover")), [
            { name: "IsAcceleratedNetworkSupported", value: "True" },
            NEWER,
            { name: "SecurityType", value: "TrustedLaunchSupported", startsAtVersion: "2.0.0" },
        ]);
        await image.settled(program("takeover", x));

        const at = emulator().requests.length;
        await image.up(program("takeover", { ...x, isHibernateSupported: true }));
        assert.deepStrictEqual(emulator().writes(at).map((w) => w.method), ["PATCH"]);
        assert.deepStrictEqual(sorted(features("takeover")), [
            { name: "IsAcceleratedNetworkSupported", value: "True" },
            { name: "IsHibernateSupported", value: "True" },
            NEWER,
            { name: "SecurityType", value: "TrustedLaunchSupported", startsAtVersion: "2.0.0" },
        ]);
        await image.settled(program("takeover", { ...x, isHibernateSupported: true }));
    });

    it("controller types listed in another order are the value Azure holds: its startsAtVersion stays through another feature's change", async () => {
        await elsewhere("order", [{ name: "SecurityType", value: "TrustedLaunchSupported" }, { name: "DiskControllerTypes", value: "SCSI, NVMe", startsAtVersion: "3.0.0" }]);
        const image = new Resource("galleryImage");
        await image.up(program("order", { adopt: true, diskControllerTypes: ["NVMe", "SCSI"] }));
        await image.up(program("order", { diskControllerTypes: ["NVMe", "SCSI"], isHibernateSupported: true }));
        assert.strictEqual(features("order").find((f) => f.name === "DiskControllerTypes")?.startsAtVersion, "3.0.0");
    });

    it("a typed feature set in the portal that the program never set stays as Azure has it when another feature changes; one the program removes goes", async () => {
        const image = new Resource("galleryImage");
        await image.up(program("portal", { isAcceleratedNetworkSupported: true }));
        await sdkClient(emulator()).galleryImages.beginUpdateAndWait(RESOURCE_GROUP, "features", "portal", { allowUpdateImage: true, features: [...features("portal"), { name: "IsHibernateSupported", value: "True" }] }, FAST_POLL);
        await image.up(program("portal", { isAcceleratedNetworkSupported: true, diskControllerTypes: ["SCSI"] }));
        assert.deepStrictEqual(sorted(features("portal")).map((f) => `${f.name}=${f.value}`), ["DiskControllerTypes=SCSI", "IsAcceleratedNetworkSupported=True", "IsHibernateSupported=True", "SecurityType=TrustedLaunchSupported"]);
        await image.up(program("portal", { diskControllerTypes: ["SCSI"] }));
        const left = features("portal").map((f) => f.name);
        assert.ok(!left.includes("IsAcceleratedNetworkSupported") && left.includes("DiskControllerTypes") && left.includes("SecurityType"), `the removed argument's feature goes: ${left.join(", ")}`);
    });

    it("a definition Azure holds Failed is sent again whole with allowUpdateImage when its features change, as the spec asks: taken over, and in state", async () => {
        await elsewhere("failed", [{ name: "SecurityType", value: "TrustedLaunchSupported", startsAtVersion: "2.0.0" }, NEWER]);
        await failed("failed");
        const image = new Resource("galleryImage");
        let at = emulator().requests.length;
        await image.up(program("failed", { adopt: true, isAcceleratedNetworkSupported: true }));
        assert.deepStrictEqual(emulator().writes(at).map((w) => `${w.method} ${w.status}`), ["PUT 200"]);
        assert.deepStrictEqual(sorted(features("failed")).map((f) => f.name), ["IsAcceleratedNetworkSupported", "IsNewerFeatureSupported", "SecurityType"]);

        await failed("failed");
        image.outputs = (await providers.galleryImage.read!(String(image.id), image.outputs)).props as Inputs;
        at = emulator().requests.length;
        await image.up(program("failed", { isAcceleratedNetworkSupported: true, isHibernateSupported: true }));
        assert.deepStrictEqual(emulator().writes(at).map((w) => `${w.method} ${w.status}`), ["PUT 200"]);
        assert.deepStrictEqual(sorted(features("failed")).map((f) => f.name), ["IsAcceleratedNetworkSupported", "IsHibernateSupported", "IsNewerFeatureSupported", "SecurityType"]);
    });

    it("without Azure's answer to the read before a feature change, or with a 404 that may be stale, nothing is sent and the update fails, saying so", async () => {
        await elsewhere("unread", [{ name: "SecurityType", value: "TrustedLaunchSupported" }, NEWER]);
        const image = new Resource("galleryImage");
        await image.up(program("unread", { adopt: true }));
        emulator().faults.add({ method: "GET", path: /\/features\/images\/unread$/, action: { kind: "status", status: 429, retryAfterSeconds: 0 }, times: 50 });
        const at = emulator().requests.length;
        try {
            await assert.rejects(image.up(program("unread", { isHibernateSupported: true })), /read before the change did not return the resource, whose lists the change replaces whole/);
        } finally {
            emulator().faults.clear();
        }
        assert.deepStrictEqual(emulator().writes(at), []);
        assert.deepStrictEqual(sorted(features("unread")).map((f) => f.name), ["IsNewerFeatureSupported", "SecurityType"]);

        emulator().faults.add({ method: "GET", path: /\/features\/images\/unread$/, action: { kind: "status", status: 404 }, times: 50 });
        try {
            await assert.rejects(image.up(program("unread", { isHibernateSupported: true })), /a refresh drops it from the stack/);
        } finally {
            emulator().faults.clear();
        }
        assert.deepStrictEqual(emulator().writes(at), []);
        assert.deepStrictEqual(sorted(features("unread")).map((f) => f.name), ["IsNewerFeatureSupported", "SecurityType"]);
    });
});
