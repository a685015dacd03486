/**
 * What each change does, field by field, per azure-spec/MUTABILITY.md: none, update in
 * place, or replace (with deleteBeforeReplace when the Azure name is the user's). Written from the
 * spec table, not from the provider's own description, so the two can disagree.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { EDGE_ZONE, SOURCE_IMAGE as SRC, galleryInputs, imageInputs, versionInputs } from "./inputs";

type Expect = "none" | "update" | "replace";
interface Row {
    field: string;
    change: (i: Inputs) => void;
    expect: Expect;
}

const SUB = "00000000-0000-0000-0000-000000000002";
const TENANT = "00000000-0000-0000-0000-0000000000aa";
const COMMUNITY = { publisherUri: "https://contoso.com", publisherContact: "a@contoso.com", eula: "https://contoso.com/eula", publicNamePrefix: "contoso" };
const EDGE = { ...EDGE_ZONE, extendedLocationReplicaCount: 1, storageAccountType: "StandardSSD_LRS" };

const gallery = (): Inputs =>
    galleryInputs({ location: "West US", description: "d", tags: { team: "platform" }, softDeletePolicy: { isSoftDeleteEnabled: false }, sharingProfile: { permissions: "Private" } });

const image = (): Inputs =>
    imageInputs({
        hyperVGeneration: "V2",
        architecture: "x64",
        description: "d",
        eula: "e",
        privacyStatementUri: "https://p",
        releaseNoteUri: "https://r",
        endOfLifeDate: "2099-01-01T00:00:00Z",
        recommended: { vCPUs: { min: 2, max: 8 }, memory: { min: 4, max: 32 } },
        disallowed: { diskTypes: ["Standard_LRS"] },
        purchasePlan: { name: "n", publisher: "p", product: "q" },
        securityType: "TrustedLaunchSupported",
        isAcceleratedNetworkSupported: true,
        isHibernateSupported: false,
        diskControllerTypes: ["SCSI", "NVMe"],
        tags: { a: "b" },
    });

const version = (): Inputs =>
    versionInputs(
        {
            storageProfile: { source: { id: SRC }, osDiskImage: { hostCaching: "ReadOnly" } },
            safetyProfile: { allowDeletionOfReplicatedLocations: false, blockDeletionBeforeEndOfLife: false },
            tags: { a: "b" },
        },
        {
            targetRegions: [
                { name: "westus", regionalReplicaCount: 1, storageAccountType: "Standard_LRS", excludeFromLatest: false },
                { name: "eastus", regionalReplicaCount: 2, storageAccountType: "Standard_ZRS", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 1 }] },
            ],
            targetExtendedLocations: [EDGE],
            replicaCount: 1,
            excludeFromLatest: false,
            endOfLifeDate: "2099-01-01T00:00:00Z",
            storageAccountType: "Standard_LRS",
            replicationMode: "Full",
        },
    );

const regions = (i: Inputs) => (i.publishingProfile as { targetRegions: Record<string, unknown>[] }).targetRegions;
const pp = (i: Inputs) => i.publishingProfile as Record<string, unknown>;
const sp = (i: Inputs) => i.storageProfile as Record<string, Record<string, unknown>>;

const tables: { kind: "gallery" | "galleryImage" | "galleryImageVersion"; base: () => Inputs; rows: Row[] }[] = [
    {
        kind: "gallery",
        base: gallery,
        rows: [
            { field: "nothing", change: () => undefined, expect: "none" },
            { field: "location (another spelling of the same region)", change: (i) => (i.location = "westus"), expect: "none" },
            { field: "location", change: (i) => (i.location = "eastus"), expect: "replace" },
            { field: "galleryName", change: (i) => (i.galleryName = "other"), expect: "replace" },
            { field: "resourceGroupName", change: (i) => (i.resourceGroupName = "rg2"), expect: "replace" },
            { field: "description", change: (i) => (i.description = "new"), expect: "update" },
            { field: "tags", change: (i) => (i.tags = { team: "x" }), expect: "update" },
            { field: "softDeletePolicy.isSoftDeleteEnabled", change: (i) => (i.softDeletePolicy = { isSoftDeleteEnabled: true }), expect: "update" },
            { field: "sharingProfile.permissions", change: (i) => (i.sharingProfile = { permissions: "Groups" }), expect: "replace" },
            { field: "sharingProfile.permissions (case only)", change: (i) => (i.sharingProfile = { permissions: "private" }), expect: "none" },
            { field: "identity.type", change: (i) => (i.identity = { type: "SystemAssigned" }), expect: "update" },
        ],
    },
    {
        kind: "gallery",
        base: () => ({ ...gallery(), sharingProfile: { permissions: "Groups", groups: [{ type: "Subscriptions", ids: [SUB] }] } }),
        rows: [
            { field: "sharingProfile.groups left out (not managed)", change: (i) => (i.sharingProfile = { permissions: "Groups" }), expect: "none" },
            { field: "sharingProfile.groups[].ids", change: (i) => (i.sharingProfile = { permissions: "Groups", groups: [{ type: "Subscriptions", ids: [SUB, TENANT] }] }), expect: "update" },
            { field: "sharingProfile.groups emptied", change: (i) => (i.sharingProfile = { permissions: "Groups", groups: [] }), expect: "update" },
            { field: "sharingProfile.groups[].ids in upper case", change: (i) => (i.sharingProfile = { permissions: "Groups", groups: [{ type: "subscriptions", ids: [SUB.toUpperCase()] }] }), expect: "none" },
        ],
    },
    {
        kind: "gallery",
        base: () => ({ ...gallery(), sharingProfile: { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, communityGalleryEnabled: false } } }),
        rows: [
            { field: "communityGalleryInfo.communityGalleryEnabled (through /share)", change: (i) => (i.sharingProfile = { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, communityGalleryEnabled: true } }), expect: "update" },
            { field: "communityGalleryInfo.publisherUri", change: (i) => (i.sharingProfile = { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, publisherUri: "https://other" } }), expect: "replace" },
            { field: "communityGalleryInfo.publisherContact", change: (i) => (i.sharingProfile = { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, publisherContact: "x@y" } }), expect: "replace" },
            { field: "communityGalleryInfo.eula", change: (i) => (i.sharingProfile = { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, eula: "other" } }), expect: "replace" },
            { field: "communityGalleryInfo.publicNamePrefix", change: (i) => (i.sharingProfile = { permissions: "Community", communityGalleryInfo: { ...COMMUNITY, publicNamePrefix: "other" } }), expect: "replace" },
        ],
    },
    {
        kind: "galleryImage",
        base: image,
        rows: [
            { field: "nothing", change: () => undefined, expect: "none" },
            { field: "osType", change: (i) => (i.osType = "Windows"), expect: "replace" },
            { field: "osType (case only)", change: (i) => (i.osType = "linux"), expect: "none" },
            { field: "osState", change: (i) => (i.osState = "Specialized"), expect: "replace" },
            { field: "hyperVGeneration", change: (i) => (i.hyperVGeneration = "V1"), expect: "replace" },
            { field: "hyperVGeneration left to Azure's default", change: (i) => delete i.hyperVGeneration, expect: "none" },
            { field: "architecture", change: (i) => (i.architecture = "Arm64"), expect: "replace" },
            { field: "identifier.publisher", change: (i) => (i.identifier = { publisher: "x", offer: "ubuntu", sku: "24_04" }), expect: "replace" },
            { field: "identifier.offer", change: (i) => (i.identifier = { publisher: "contoso", offer: "x", sku: "24_04" }), expect: "replace" },
            { field: "identifier.sku", change: (i) => (i.identifier = { publisher: "contoso", offer: "ubuntu", sku: "x" }), expect: "replace" },
            { field: "eula", change: (i) => (i.eula = "other"), expect: "replace" },
            { field: "privacyStatementUri", change: (i) => (i.privacyStatementUri = "https://q"), expect: "replace" },
            { field: "purchasePlan.name", change: (i) => (i.purchasePlan = { name: "m", publisher: "p", product: "q" }), expect: "replace" },
            { field: "location", change: (i) => (i.location = "eastus"), expect: "replace" },
            { field: "description", change: (i) => (i.description = "x"), expect: "update" },
            { field: "releaseNoteUri", change: (i) => (i.releaseNoteUri = "https://s"), expect: "update" },
            { field: "endOfLifeDate", change: (i) => (i.endOfLifeDate = "2098-01-01T00:00:00Z"), expect: "update" },
            { field: "endOfLifeDate (same instant, other spelling)", change: (i) => (i.endOfLifeDate = "2099-01-01T00:00:00.000+00:00"), expect: "none" },
            { field: "recommended.vCPUs.max", change: (i) => (i.recommended = { vCPUs: { min: 2, max: 16 }, memory: { min: 4, max: 32 } }), expect: "update" },
            { field: "recommended.memory.min", change: (i) => (i.recommended = { vCPUs: { min: 2, max: 8 }, memory: { min: 8, max: 32 } }), expect: "update" },
            { field: "disallowed.diskTypes", change: (i) => (i.disallowed = { diskTypes: ["Standard_LRS", "Premium_LRS"] }), expect: "update" },
            { field: "securityType (feature)", change: (i) => (i.securityType = "TrustedLaunch"), expect: "update" },
            { field: "isAcceleratedNetworkSupported (feature)", change: (i) => (i.isAcceleratedNetworkSupported = false), expect: "update" },
            { field: "diskControllerTypes in another order", change: (i) => (i.diskControllerTypes = ["NVMe", "SCSI"]), expect: "none" },
            { field: "tags", change: (i) => (i.tags = {}), expect: "update" },
        ],
    },
    {
        kind: "galleryImageVersion",
        base: version,
        rows: [
            { field: "nothing", change: () => undefined, expect: "none" },
            { field: "target region names in display form", change: (i) => (regions(i)[0].name = "West US"), expect: "none" },
            { field: "target regions in another order", change: (i) => regions(i).reverse(), expect: "none" },
            { field: "regionalReplicaCount", change: (i) => (regions(i)[1].regionalReplicaCount = 5), expect: "update" },
            { field: "target region added", change: (i) => regions(i).push({ name: "North Europe", storageAccountType: "Standard_ZRS" }), expect: "update" },
            { field: "storageAccountType of an existing region", change: (i) => (regions(i)[1].storageAccountType = "Standard_LRS"), expect: "replace" },
            { field: "encryption of an existing region", change: (i) => (regions(i)[1].encryption = { osDiskImage: { diskEncryptionSetId: `${SRC}/des` } }), expect: "replace" },
            { field: "additionalReplicaSets[].regionalReplicaCount", change: (i) => (regions(i)[1].additionalReplicaSets = [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 3 }]), expect: "update" },
            // Left out, the sets are Azure's (a request carries them as Azure holds them); a program that
            // listed them and stops gets them cleared through check (wholeLists.test.ts).
            { field: "additionalReplicaSets left out", change: (i) => delete regions(i)[1].additionalReplicaSets, expect: "none" },
            { field: "targetExtendedLocations[].extendedLocationReplicaCount", change: (i) => (pp(i).targetExtendedLocations = [{ ...EDGE, extendedLocationReplicaCount: 4 }]), expect: "update" },
            { field: "targetExtendedLocations added", change: (i) => (pp(i).targetExtendedLocations = [EDGE, { ...EDGE, extendedLocation: { name: "attatlanta1", type: "EdgeZone" } }]), expect: "update" },
            { field: "targetExtendedLocations[].storageAccountType", change: (i) => (pp(i).targetExtendedLocations = [{ ...EDGE, storageAccountType: "Premium_LRS" }]), expect: "replace" },
            { field: "targetExtendedLocations[].encryption", change: (i) => (pp(i).targetExtendedLocations = [{ ...EDGE, encryption: { osDiskImage: { diskEncryptionSetId: `${SRC}/des` } } }]), expect: "replace" },
            { field: "targetRegions[].excludeFromLatest", change: (i) => (regions(i)[0].excludeFromLatest = true), expect: "update" },
            { field: "publishingProfile.replicaCount", change: (i) => (pp(i).replicaCount = 3), expect: "update" },
            { field: "publishingProfile.excludeFromLatest", change: (i) => (pp(i).excludeFromLatest = true), expect: "update" },
            { field: "publishingProfile.endOfLifeDate", change: (i) => (pp(i).endOfLifeDate = "2098-01-01T00:00:00Z"), expect: "update" },
            { field: "publishingProfile.storageAccountType", change: (i) => (pp(i).storageAccountType = "Premium_LRS"), expect: "replace" },
            { field: "publishingProfile.replicationMode", change: (i) => (pp(i).replicationMode = "Shallow"), expect: "replace" },
            { field: "storageProfile.source.id", change: (i) => (sp(i).source = { id: `${SRC}-2` }), expect: "replace" },
            { field: "storageProfile.source.virtualMachineId", change: (i) => (sp(i).source = { virtualMachineId: SRC.replace("images", "virtualMachines") }), expect: "replace" },
            { field: "storageProfile.osDiskImage.hostCaching", change: (i) => (sp(i).osDiskImage = { hostCaching: "None" }), expect: "replace" },
            { field: "storageProfile.dataDiskImages added", change: (i) => (sp(i).dataDiskImages = [{ lun: 0, source: { id: `${SRC}-d` } }] as unknown as Record<string, unknown>), expect: "replace" },
            { field: "safetyProfile.blockDeletionBeforeEndOfLife", change: (i) => (i.safetyProfile = { allowDeletionOfReplicatedLocations: false, blockDeletionBeforeEndOfLife: true }), expect: "update" },
            { field: "safetyProfile.allowDeletionOfReplicatedLocations", change: (i) => (i.safetyProfile = { allowDeletionOfReplicatedLocations: true, blockDeletionBeforeEndOfLife: false }), expect: "update" },
            { field: "securityProfile.uefiSettings", change: (i) => (i.securityProfile = { uefiSettings: { signatureTemplateNames: ["MicrosoftUefiCertificateAuthorityTemplate"] } }), expect: "replace" },
            { field: "location", change: (i) => (i.location = "eastus"), expect: "replace" },
            { field: "galleryImageVersionName", change: (i) => (i.galleryImageVersionName = "1.0.1"), expect: "replace" },
            { field: "galleryImageName", change: (i) => (i.galleryImageName = "other"), expect: "replace" },
            { field: "tags", change: (i) => (i.tags = { a: "c" }), expect: "update" },
            { field: "waitForReplication", change: (i) => (i.waitForReplication = false), expect: "update" },
        ],
    },
];

describe("diff: what each change does", () => {
    for (const t of tables) {
        describe(t.kind, () => {
            for (const row of t.rows) {
                it(`${row.field} -> ${row.expect}`, async () => {
                    const olds = t.base();
                    const news = t.base();
                    row.change(news);
                    const d = await providers[t.kind].diff!("id", olds, news);
                    const got: Expect = !d.changes ? "none" : (d.replaces ?? []).length > 0 ? "replace" : "update";
                    assert.strictEqual(got, row.expect, JSON.stringify(d));
                    if (got === "replace") assert.strictEqual(d.deleteBeforeReplace, true, "a user-fixed Azure name is deleted before it is re-created");
                });
            }
        });
    }

    it("stating what Azure means by an answer that leaves a value out is no change: a V1 definition's security type Standard, a never-shared gallery's permissions Private", async () => {
        // Trusted launch needs generation 2, so a V1 definition (whose answer carries no SecurityType feature) is Standard.
        const v1 = imageInputs({ hyperVGeneration: "V1" });
        const image = await providers.galleryImage.diff!("id", v1, { ...v1, securityType: "Standard" });
        assert.deepStrictEqual([image.changes, image.replaces], [false, []]);
        const gallery = await providers.gallery.diff!("id", galleryInputs(), galleryInputs({ sharingProfile: { permissions: "Private" } }));
        assert.deepStrictEqual([gallery.changes, gallery.replaces], [false, []]);
        const shared = await providers.gallery.diff!("id", galleryInputs(), galleryInputs({ sharingProfile: { permissions: "Groups" } }));
        assert.deepStrictEqual(shared.replaces, ["sharingProfile"], "a gallery that was never shared becomes shared only by a new gallery");
    });

    it("replaces an auto-named resource create-before-delete", async () => {
        const olds = { ...gallery(), __autonamed: true };
        const d = await providers.gallery.diff!("id", olds, { ...olds, location: "eastus" });
        assert.deepStrictEqual([d.changes, d.replaces, d.deleteBeforeReplace], [true, ["location"], false]);
    });

    it("a fixed-name resource asks for delete-before-replace even when nothing forces a replacement, for replacements the program forces", async () => {
        // With create-before-delete, a forced replacement (replaceOnChanges, --target-replace) would
        // create over the old resource, which carries the same ownership mark, and then delete it.
        const d = await providers.gallery.diff!("id", gallery(), { ...gallery(), description: "changed" });
        assert.deepStrictEqual([d.changes, d.replaces, d.deleteBeforeReplace], [true, [], true]);
    });

    it("treats a value unknown at preview as a change, and as a replacement for a create-only field", async () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const d = await providers.galleryImageVersion.diff!("id", version(), { ...version(), galleryImageName: unknown });
        assert.deepStrictEqual(d.replaces, ["galleryImageName"]);
    });

    it("refuses at preview a replacement Azure would refuse to carry out: deleting a version blocked until its end of life", async () => {
        const olds = { ...version(), safetyProfile: { blockDeletionBeforeEndOfLife: true } };
        const news = { ...olds, storageProfile: { source: { id: `${SRC}-2` } } };
        await assert.rejects(providers.galleryImageVersion.diff!("id", olds, news), /refuses to delete it before its end of life .*blockDeletionBeforeEndOfLife/);
        const inPlace = { ...olds, tags: { a: "changed" } };
        assert.deepStrictEqual((await providers.galleryImageVersion.diff!("id", olds, inPlace)).replaces, []);
    });

    it("refuses at preview to remove a region that holds replicas unless the safety profile allows it", async () => {
        const news = version();
        regions(news).pop();
        await assert.rejects(providers.galleryImageVersion.diff!("id", version(), news), /eastus.*allowDeletionOfReplicatedLocations/);
        news.safetyProfile = { allowDeletionOfReplicatedLocations: true };
        const d = await providers.galleryImageVersion.diff!("id", version(), news);
        assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
    });
});
