/** Each rule check enforces before any request: the failure names the field and the rule. */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { EDGE_ZONE as EDGE, SOURCE_IMAGE as SRC, galleryInputs as gallery, imageInputs as image, versionInputs as version } from "./inputs";

const SUB = "00000000-0000-0000-0000-000000000002";

const cases: { rule: string; kind: "gallery" | "galleryImage" | "galleryImageVersion"; inputs: Inputs; property: string; reason: RegExp }[] = [
    { rule: "gallery names take no dashes", kind: "gallery", inputs: gallery({ galleryName: "golden-images" }), property: "galleryName", reason: /no dashes/ },
    { rule: "gallery names do not end with _", kind: "gallery", inputs: gallery({ galleryName: "golden_" }), property: "galleryName", reason: /end with a letter or digit/ },
    { rule: "gallery names are at most 80 characters", kind: "gallery", inputs: gallery({ galleryName: "g".repeat(81) }), property: "galleryName", reason: /1-80 characters long, not 81/ },
    { rule: "location is required", kind: "gallery", inputs: gallery({ location: undefined }), property: "location", reason: /required/ },
    { rule: "community sharing needs its publisher details", kind: "gallery", inputs: gallery({ sharingProfile: { permissions: "Community" } }), property: "sharingProfile.communityGalleryInfo.publisherUri", reason: /required when/ },
    { rule: "resource group names", kind: "gallery", inputs: gallery({ resourceGroupName: "rg." }), property: "resourceGroupName", reason: /period/ },
    { rule: "image names do not end with a period", kind: "galleryImage", inputs: image({ galleryImageName: "ubuntu." }), property: "galleryImageName", reason: /end with a letter or digit/ },
    { rule: "osType is required", kind: "galleryImage", inputs: image({ osType: undefined }), property: "osType", reason: /required/ },
    { rule: "osState is an enum", kind: "galleryImage", inputs: image({ osState: "Sysprepped" }), property: "osState", reason: /Generalized, Specialized/ },
    { rule: "publisher does not end with a period", kind: "galleryImage", inputs: image({ identifier: { publisher: "contoso.", offer: "o", sku: "s" } }), property: "identifier.publisher", reason: /period/ },
    { rule: "offer is at most 64 characters", kind: "galleryImage", inputs: image({ identifier: { publisher: "p", offer: "o".repeat(65), sku: "s" } }), property: "identifier.offer", reason: /at most 64/ },
    { rule: "end of life in the future", kind: "galleryImage", inputs: image({ endOfLifeDate: "2020-01-01T00:00:00Z" }), property: "endOfLifeDate", reason: /future/ },
    { rule: "end of life is an RFC 3339 date", kind: "galleryImage", inputs: image({ endOfLifeDate: "next year" }), property: "endOfLifeDate", reason: /RFC 3339/ },
    { rule: "recommended vCPUs within 1-80", kind: "galleryImage", inputs: image({ recommended: { vCPUs: { max: 81 } } }), property: "recommended.vCPUs.max", reason: /at most 80/ },
    { rule: "recommended min not above max", kind: "galleryImage", inputs: image({ recommended: { memory: { min: 64, max: 8 } } }), property: "recommended.memory", reason: /must not be greater/ },
    { rule: "a security type needs Hyper-V generation V2", kind: "galleryImage", inputs: image({ hyperVGeneration: "V1", securityType: "TrustedLaunch" }), property: "securityType", reason: /needs hyperVGeneration V2/ },
    { rule: "version names are major.minor.patch", kind: "galleryImageVersion", inputs: version({ galleryImageVersionName: "1.0" }), property: "galleryImageVersionName", reason: /major\.minor\.patch/ },
    { rule: "version parts fit int32", kind: "galleryImageVersion", inputs: version({ galleryImageVersionName: "2147483648.0.0" }), property: "galleryImageVersionName", reason: /2147483647/ },
    { rule: "exactly one source (none)", kind: "galleryImageVersion", inputs: version({ storageProfile: {} }), property: "storageProfile", reason: /exactly one source.*none/ },
    { rule: "exactly one source (two)", kind: "galleryImageVersion", inputs: version({ storageProfile: { source: { id: SRC, virtualMachineId: SRC } } }), property: "storageProfile", reason: /exactly one source/ },
    { rule: "source ids are full ARM ids", kind: "galleryImageVersion", inputs: version({ storageProfile: { source: { id: "golden" } } }), property: "storageProfile.source.id", reason: /full ARM id/ },
    { rule: "a VHD source names its storage account", kind: "galleryImageVersion", inputs: version({ storageProfile: { osDiskImage: { source: { uri: "https://sa.blob.core.windows.net/vhds/os.vhd" } } } }), property: "storageProfile", reason: /storageAccountId/ },
    { rule: "no region twice, in any spelling", kind: "galleryImageVersion", inputs: version({ publishingProfile: { targetRegions: [{ name: "westus" }, { name: "West US" }] } }), property: "publishingProfile.targetRegions[1]", reason: /each may appear once/ },
    { rule: "regional replica counts within 1-100", kind: "galleryImageVersion", inputs: version({ publishingProfile: { targetRegions: [{ name: "westus", regionalReplicaCount: 0 }] } }), property: "publishingProfile.targetRegions[0].regionalReplicaCount", reason: /at least 1/ },
    { rule: "replica count within 1-100", kind: "galleryImageVersion", inputs: version({ publishingProfile: { replicaCount: 101 } }), property: "publishingProfile.replicaCount", reason: /at most 100/ },
    { rule: "storage type and strategy exclude each other", kind: "galleryImageVersion", inputs: version({ publishingProfile: { storageAccountType: "Standard_LRS", storageAccountStrategy: "PreferStandard_ZRS" } }), property: "publishingProfile.storageAccountStrategy", reason: /cannot be set together/ },
    { rule: "no encryption with shallow replication", kind: "galleryImageVersion", inputs: version({ publishingProfile: { replicationMode: "Shallow", targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: SRC } } }] } }), property: "publishingProfile.targetRegions", reason: /Shallow/ },
    { rule: "direct-drive replica sets count within 1-100", kind: "galleryImageVersion", inputs: version({ publishingProfile: { targetRegions: [{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 0 }] }] } }), property: "publishingProfile.targetRegions[0].additionalReplicaSets[0].regionalReplicaCount", reason: /at least 1/ },
    { rule: "an edge zone appears once", kind: "galleryImageVersion", inputs: version({ publishingProfile: { targetExtendedLocations: [EDGE, EDGE] } }), property: "publishingProfile.targetExtendedLocations[1]", reason: /each may appear once/ },
    // Spec: closed enums (modelAsString false) refuse a value they do not list.
    { rule: "identity types are a closed enum", kind: "gallery", inputs: gallery({ identity: { type: "Managed" } }), property: "identity.type", reason: /one of SystemAssigned, UserAssigned, SystemAssigned, UserAssigned, None, not "Managed"/ },
    { rule: "host caching is a closed enum", kind: "galleryImageVersion", inputs: version({ storageProfile: { source: { id: SRC }, osDiskImage: { hostCaching: "WriteOnly" } } }), property: "storageProfile.osDiskImage.hostCaching", reason: /one of None, ReadOnly, ReadWrite/ },
    { rule: "sharing groups need permissions Groups", kind: "gallery", inputs: gallery({ sharingProfile: { groups: [{ type: "Subscriptions", ids: [SUB] }] } }), property: "sharingProfile.groups", reason: /needs sharingProfile.permissions Groups/ },
    { rule: "sharing group ids are GUIDs", kind: "gallery", inputs: gallery({ sharingProfile: { permissions: "Groups", groups: [{ type: "Subscriptions", ids: ["contoso"] }] } }), property: "sharingProfile.groups[0].ids", reason: /GUIDs/ },
    { rule: "community publishing needs permissions Community", kind: "gallery", inputs: gallery({ sharingProfile: { permissions: "Groups", communityGalleryInfo: { communityGalleryEnabled: true } } }), property: "sharingProfile.communityGalleryInfo.communityGalleryEnabled", reason: /needs sharingProfile.permissions Community/ },
    // Regions: Microsoft's list of regions; storage types per region: its availability-zone and Premium SSD v2 tables.
    { rule: "a location that is no Azure region, with the nearest one", kind: "gallery", inputs: gallery({ location: "westeurpoe" }), property: "location", reason: /"westeurpoe" is not an Azure region \(did you mean "westeurope"\?\).*additionalRegions/ },
    { rule: "a target region that is no Azure region", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus" }, { name: "East US 9" }] }), property: "publishingProfile.targetRegions[1].name", reason: /not an Azure region/ },
    { rule: "zone-redundant storage in a region without zones", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", storageAccountType: "Standard_ZRS" }] }), property: "publishingProfile.targetRegions[0].storageAccountType", reason: /Standard_ZRS needs availability zones, which West US does not have/ },
    { rule: "zone-redundant storage for every region, where one has no zones", kind: "galleryImageVersion", inputs: version({}, { storageAccountType: "Standard_ZRS", targetRegions: [{ name: "westus" }] }), property: "publishingProfile.targetRegions[0].storageAccountType", reason: /West US/ },
    { rule: "Premium SSD v2 replicas where it is not offered", kind: "galleryImageVersion", inputs: version({ location: "uaecentral" }, { targetRegions: [{ name: "uaecentral", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS" }] }] }), property: "publishingProfile.targetRegions[0].additionalReplicaSets[0].storageAccountType", reason: /not offered in UAE Central/ },
    { rule: "more than 100 replicas in all", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", regionalReplicaCount: 60 }, { name: "eastus", regionalReplicaCount: 50 }] }), property: "publishingProfile.targetRegions", reason: /110 replicas.*at most 100/ },
    { rule: "more than 100 replicas, counting the version's replica count for regions without one", kind: "galleryImageVersion", inputs: version({}, { replicaCount: 40, targetRegions: [{ name: "westus" }, { name: "eastus" }, { name: "northeurope" }] }), property: "publishingProfile.targetRegions", reason: /120 replicas/ },
    { rule: "disk encryption set ids are full ARM ids", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: "my-des" } } }] }), property: "publishingProfile.targetRegions[0].encryption.osDiskImage.diskEncryptionSetId", reason: /full ARM id of a disk encryption set/ },
    { rule: "a disk controller type once", kind: "galleryImage", inputs: image({ diskControllerTypes: ["SCSI", "scsi"] }), property: "diskControllerTypes", reason: /once; SCSI is repeated/ },
    { rule: "at most 50 tags", kind: "gallery", inputs: gallery({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) }), property: "tags", reason: /at most 50 tags, not 51/ },
    { rule: "tag names of at most 512 characters", kind: "galleryImage", inputs: image({ tags: { ["n".repeat(513)]: "v" } }), property: "tags", reason: /512 characters/ },
    { rule: "tag values of at most 256 characters", kind: "galleryImageVersion", inputs: version({ tags: { team: "v".repeat(257) } }), property: "tags", reason: /values of at most 256 characters/ },
    { rule: "user-assigned identities are keyed by ARM ids", kind: "gallery", inputs: gallery({ identity: { type: "UserAssigned", userAssignedIdentities: { "my-identity": {} } } }), property: "identity.userAssignedIdentities", reason: /keyed by full ARM ids/ },
    { rule: "version end of life in the future", kind: "galleryImageVersion", inputs: version({ publishingProfile: { endOfLifeDate: "2001-01-01T00:00:00Z" } }), property: "publishingProfile.endOfLifeDate", reason: /future/ },
];

describe("check: bad input is refused before any request", () => {
    for (const c of cases) {
        it(c.rule, async () => {
            const { failures } = await providers[c.kind].check!({}, c.inputs);
            const f = (failures ?? []).find((x) => x.property === c.property);
            assert.ok(f, `expected a failure on ${c.property}, got ${JSON.stringify(failures)}`);
            assert.match(f.reason, c.reason);
            assert.ok(f.reason.startsWith(c.property.split("[")[0]), "the message names the field");
        });
    }

    // Spec: an enum with modelAsString true is open; Azure may add values newer than this package.
    const open: { rule: string; kind: "gallery" | "galleryImage" | "galleryImageVersion"; inputs: Inputs; warning: RegExp }[] = [
        { rule: "sharing permissions", kind: "gallery", inputs: gallery({ sharingProfile: { permissions: "Public" } }), warning: /^sharingProfile\.permissions: "Public" is not one of .*Private, Groups, Community.*the nearest is "Private"/ },
        {
            rule: "a sharing group's type",
            kind: "gallery",
            inputs: gallery({ sharingProfile: { permissions: "Groups", groups: [{ type: "Users", ids: [SUB] }] } }),
            warning: /^sharingProfile\.groups\[0\]\.type: "Users" is not one of .*Subscriptions, AADTenants/,
        },
        { rule: "a feature's values (the spec types them as strings)", kind: "galleryImage", inputs: image({ diskControllerTypes: ["SCSI", "IDE"] }), warning: /^diskControllerTypes: "IDE" is not one of .*SCSI, NVMe.*the nearest is "NVMe"/ },
        { rule: "a storage type", kind: "galleryImageVersion", inputs: version({ publishingProfile: { storageAccountType: "Standard_GRS" } }), warning: /^publishingProfile\.storageAccountType: "Standard_GRS" .*the nearest is "Standard_LRS".*sent as written/ },
        {
            rule: "an edge zone's storage type",
            kind: "galleryImageVersion",
            inputs: version({ publishingProfile: { targetExtendedLocations: [{ ...EDGE, storageAccountType: "PremiumV2_LRS" }] } }),
            warning: /^publishingProfile\.targetExtendedLocations\[0\]\.storageAccountType: "PremiumV2_LRS" .*StandardSSD_LRS.*the nearest is "Premium_LRS"/,
        },
    ];
    for (const c of open) {
        it(`an open enum accepts a value newer than the package, with a warning naming the nearest known one: ${c.rule}`, async () => {
            const said: string[] = [];
            const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
            try {
                assert.deepStrictEqual((await providers[c.kind].check!({}, c.inputs)).failures, []);
            } finally {
                stop();
            }
            assert.ok(said.some((m) => c.warning.test(m)), JSON.stringify(said));
        });
    }

    it("accepts good input unchanged but for what it completes", async () => {
        const { failures, inputs } = await providers.galleryImage.check!({}, image({ securityType: "TrustedLaunch", hyperVGeneration: "V2" }));
        assert.deepStrictEqual(failures, []);
        assert.strictEqual(inputs.galleryImageName, "ubuntu");
    });

    it("adds the version's own region to its target regions, and says so", async () => {
        const said: string[] = [];
        const stop = onProgress((_u, m, severity) => said.push(`${severity}: ${m}`));
        try {
            const { failures, inputs } = await providers.galleryImageVersion.check!({}, version({ publishingProfile: { targetRegions: [{ name: "eastus" }] } }));
            assert.deepStrictEqual(failures, []);
            assert.deepStrictEqual((inputs.publishingProfile as { targetRegions: unknown[] }).targetRegions, [{ name: "westus" }, { name: "eastus" }]);
            assert.match(said.join("\n"), /warning: .*did not include the version's location "westus"/);
        } finally {
            stop();
        }
    });

    it("generates Azure names that follow each kind's rules, stable across updates, fresh for a replacement", async () => {
        const urn = "urn:pulumi:dev::golden::pulumi-nodejs:dynamic/azure-compute-gallery:Gallery::golden-images";
        const first = await providers.gallery.check!({}, { resourceGroupName: "rg", location: "westus", __urn: urn });
        assert.deepStrictEqual(first.failures, []);
        assert.match(String(first.inputs.galleryName), /^golden_images_[a-z0-9]{7}$/);
        const again = await providers.gallery.check!(first.inputs, { resourceGroupName: "rg", location: "westus", __urn: urn });
        assert.strictEqual(again.inputs.galleryName, first.inputs.galleryName);
        const replacement = await providers.gallery.check!({}, { resourceGroupName: "rg", location: "westus", __urn: urn });
        assert.notStrictEqual(replacement.inputs.galleryName, first.inputs.galleryName);
    });

    it("warns, without refusing, about a disk encryption set in some target regions only (sources disagree)", async () => {
        const said: string[] = [];
        const stop = onProgress((_u, m, severity) => said.push(`${severity}: ${m}`));
        try {
            const inputs = version({}, { targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: SRC.replace("/images/golden", "/diskEncryptionSets/des") } } }, { name: "eastus" }] });
            assert.deepStrictEqual((await providers.galleryImageVersion.check!({}, inputs)).failures, []);
            assert.match(said.join("\n"), /warning: publishingProfile\.targetRegions: osDiskImage is encrypted .* in westus but not in eastus/);
        } finally {
            stop();
        }
    });

    it("admits a region newer than the package's table when the stack says so", async () => {
        const inputs = gallery({ location: "Atlantis North" });
        assert.match(JSON.stringify((await providers.gallery.check!({}, inputs)).failures), /not an Azure region/);
        process.env.AZURE_GALLERY_ADDITIONAL_REGIONS = "atlantisnorth, atlantissouth";
        try {
            assert.deepStrictEqual((await providers.gallery.check!({}, inputs)).failures, []);
        } finally {
            delete process.env.AZURE_GALLERY_ADDITIONAL_REGIONS;
        }
    });

    it("accepts sovereign-cloud regions and the storage types each region offers", async () => {
        for (const inputs of [
            gallery({ location: "usgovvirginia" }),
            gallery({ location: "China North 3" }),
            version({ location: "eastus" }, { targetRegions: [{ name: "eastus", storageAccountType: "Standard_ZRS", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS" }] }] }),
            version({}, { targetRegions: [{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS" }] }] }),
            version({}, { replicaCount: 50, targetRegions: [{ name: "westus" }, { name: "eastus" }] }),
        ]) {
            const kind = "galleryImageVersionName" in inputs ? "galleryImageVersion" : "gallery";
            assert.deepStrictEqual((await providers[kind].check!({}, inputs)).failures, [], JSON.stringify(inputs));
        }
    });

    it("judges an end-of-life date where it is new to Azure, never one Azure holds that has since passed, however the program came to state it", async () => {
        for (const [kind, at, inputs] of [
            ["galleryImage", "endOfLifeDate", (d: string) => image({ endOfLifeDate: d })],
            ["galleryImageVersion", "publishingProfile.endOfLifeDate", (d: string) => version({ publishingProfile: { targetRegions: [{ name: "westus" }], endOfLifeDate: d } })],
        ] as const) {
            // At create, a past date is refused ("EndOfLifeDate must be set to a future date.", ERRORS.md).
            const created = await providers[kind].check!({}, inputs("2002-01-01T00:00:00Z"));
            assert.deepStrictEqual((created.failures ?? []).map((f) => f.property), [at], `${kind}: a past date at create`);
            const published = inputs("2001-01-01T00:00:00Z"); // Azure holds it: accepted when it was in the future
            const withoutDate = JSON.parse(JSON.stringify(published)) as Inputs;
            if (kind === "galleryImage") delete withoutDate.endOfLifeDate;
            else delete (withoutDate.publishingProfile as Inputs).endOfLifeDate;
            for (const [olds, why] of [[published, "unchanged"], [withoutDate, "restated from Azure after a refresh or a move from another tool"]] as const) {
                const same = await providers[kind].check!(olds, inputs("2001-01-01T00:00:00.000Z"));
                assert.deepStrictEqual(same.failures, [], `${kind}: ${why}`);
                assert.strictEqual((await providers[kind].diff!("id", published, same.inputs)).changes, false, `${kind}: ${why}`);
            }
            // A new past date is refused at preview, by diff, which knows what Azure holds.
            const moved = await providers[kind].check!(published, inputs("2002-01-01T00:00:00Z"));
            assert.deepStrictEqual(moved.failures, [], `${kind}: judged against Azure, not the previous inputs`);
            await assert.rejects(providers[kind].diff!("id", published, moved.inputs), new RegExp(`${at.replace(/\./g, "\\.")} must be in the future`));
            // Adopting a resource whose past date the program restates is no refusal either.
            assert.deepStrictEqual((await providers[kind].check!({}, { ...inputs("2001-01-01T00:00:00Z"), adopt: true })).failures, [], `${kind}: adopt`);
        }
    });

    it("lets values unknown at preview through to apply", async () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const { failures } = await providers.galleryImageVersion.check!({}, version({ galleryName: unknown, storageProfile: { source: { id: unknown } } }));
        assert.deepStrictEqual(failures, []);
        const regions = await providers.galleryImageVersion.check!(
            {},
            version({}, { targetRegions: [{ name: "westus", regionalReplicaCount: unknown, encryption: unknown }, { name: unknown, storageAccountType: "Standard_ZRS" }] }),
        );
        assert.deepStrictEqual(regions.failures, []);
    });
});
