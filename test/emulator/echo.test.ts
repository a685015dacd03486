/** The "recased" echo style: ids come back as ARM re-cases them, regions by display name. */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { recaseArmId } from "../../emulator/echo";
import { JsonValue, arr, obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, sdkClient, startTestEmulator } from "../support/emulator";

const rg = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const gallery = `${rg}/providers/Microsoft.Compute/galleries/echoGallery`;
const image = `${gallery}/images/ubuntu-lts`;
const version = `${image}/versions/1.0.0`;
const vhdVersion = `${image}/versions/2.0.0`;
const build = `/subscriptions/${SUBSCRIPTION}/resourceGroups/Build-RG/providers/Microsoft.Compute`;
const VM = `${build}/virtualMachines/Builder01`;
const DES = `/subscriptions/${SUBSCRIPTION}/resourceGroups/Keys/providers/Microsoft.Compute/diskEncryptionSets/westDes`;
const UAI = `/subscriptions/${SUBSCRIPTION}/resourceGroups/Identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/galleryWriter`;
const STORAGE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/Vhds/providers/Microsoft.Storage/storageAccounts/vhdStore`;

/** What ARM's re-casing turns `rg` into. */
const RECASED_RG = `/subscriptions/${SUBSCRIPTION}/resourcegroups/GOLDEN-IMAGES`;

async function setUp(emulator: ArmEmulator): Promise<void> {
    const ok = async (path: string, body: JsonValue) => {
        const r = await armDone(emulator, "PUT", path, body);
        assert.strictEqual(r.operation, "Succeeded", JSON.stringify(r.body));
    };
    await ok(gallery, { location: "westus", identity: { type: "UserAssigned", userAssignedIdentities: { [UAI]: {} } } });
    await ok(image, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } } });
    await ok(version, {
        location: "westus",
        properties: {
            storageProfile: { source: { virtualMachineId: VM } },
            publishingProfile: {
                targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: DES } } }, { name: "eastus2" }],
                targetExtendedLocations: [{ name: "westus", extendedLocation: { name: "microsoftlosangeles1", type: "EdgeZone" } }],
            },
        },
    });
    await ok(vhdVersion, {
        location: "westus",
        properties: { storageProfile: { osDiskImage: { source: { uri: "https://vhdstore.blob.core.windows.net/vhds/os.vhd", storageAccountId: STORAGE } } } },
    });
}

describe("echo style 'recased'", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ echo: "recased" });
        await setUp(emulator);
    });
    after(async () => emulator.stop());

    it("re-cases the resource id and answers the location by display name", async () => {
        const g = await arm(emulator, "GET", gallery);
        assert.strictEqual(g.body.id, `${RECASED_RG}/providers/microsoft.compute/galleries/ECHOGALLERY`);
        assert.strictEqual(g.body.location, "West US");
        assert.strictEqual(g.body.name, "echoGallery", "the name keeps the casing it was created with");
        const v = await arm(emulator, "GET", version);
        assert.strictEqual(v.body.id, `${RECASED_RG}/providers/microsoft.compute/galleries/ECHOGALLERY/images/UBUNTU-LTS/versions/1.0.0`);
    });

    it("re-cases ids inside properties: sources, disk encryption sets, storage accounts, identity keys", async () => {
        const v = await arm(emulator, "GET", version);
        const props = obj(v.body.properties);
        assert.strictEqual(obj(obj(props.storageProfile).source).virtualMachineId, `/subscriptions/${SUBSCRIPTION}/resourcegroups/BUILD-RG/providers/microsoft.compute/virtualmachines/BUILDER01`);
        const west = obj(arr(obj(props.publishingProfile).targetRegions)[0]);
        assert.strictEqual(obj(obj(west.encryption).osDiskImage).diskEncryptionSetId, `/subscriptions/${SUBSCRIPTION}/resourcegroups/KEYS/providers/microsoft.compute/diskencryptionsets/WESTDES`);
        const vhd = await arm(emulator, "GET", vhdVersion);
        const source = obj(obj(obj(obj(vhd.body.properties).storageProfile).osDiskImage).source);
        assert.strictEqual(source.storageAccountId, `/subscriptions/${SUBSCRIPTION}/resourcegroups/VHDS/providers/microsoft.storage/storageaccounts/VHDSTORE`);
        assert.strictEqual(source.uri, "https://vhdstore.blob.core.windows.net/vhds/os.vhd", "a blob uri is not an ARM id");
        const g = await arm(emulator, "GET", gallery);
        assert.deepStrictEqual(Object.keys(obj(obj(g.body.identity).userAssignedIdentities)), [
            `/subscriptions/${SUBSCRIPTION}/resourcegroups/IDENTITIES/providers/microsoft.managedidentity/userassignedidentities/GALLERYWRITER`,
        ]);
    });

    it("names every region by its display name, edge-zone parents included, though the request wrote short names", async () => {
        const v = await arm(emulator, "GET", version, undefined, { query: { $expand: "ReplicationStatus" } });
        const pub = obj(obj(v.body.properties).publishingProfile);
        assert.deepStrictEqual(arr(pub.targetRegions).map((t) => obj(t).name), ["West US", "East US 2"]);
        assert.deepStrictEqual(arr(pub.targetExtendedLocations).map((t) => [obj(t).name, obj(obj(t).extendedLocation).name]), [["West US", "microsoftlosangeles1"]]);
        assert.deepStrictEqual(arr(obj(obj(v.body.properties).replicationStatus).summary).map((s) => obj(s).region), ["West US", "East US 2"]);
    });

    it("lists and the SDK see the same re-cased ids, and the re-cased id addresses the resource (paths are case-insensitive)", async () => {
        const list = await arm(emulator, "GET", `${image}/versions`);
        assert.ok(arr(list.body.value).every((x) => String(obj(x).id).startsWith(`${RECASED_RG}/providers/microsoft.compute/`)));
        const sdk = sdkClient(emulator);
        const fromSdk = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "echoGallery", "ubuntu-lts", "1.0.0");
        assert.strictEqual(fromSdk.id, `${RECASED_RG}/providers/microsoft.compute/galleries/ECHOGALLERY/images/UBUNTU-LTS/versions/1.0.0`);
        const again = await arm(emulator, "GET", String(fromSdk.id));
        assert.strictEqual(again.status, 200);
        const patched = await sdk.galleries.update(RESOURCE_GROUP, "ECHOGALLERY", { description: "through the re-cased name" }, FAST_POLL);
        assert.strictEqual(patched.description, "through the re-cased name");
    });

    it("leaves tags alone, even one that holds an id", async () => {
        await armDone(emulator, "PATCH", gallery, { tags: { origin: UAI } });
        const g = await arm(emulator, "GET", gallery);
        assert.deepStrictEqual(g.body.tags, { origin: UAI });
    });
});

describe("echo style 'asWritten' (the default)", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
        await setUp(emulator);
    });
    after(async () => emulator.stop());

    it("returns ids as the request wrote them", async () => {
        const v = await arm(emulator, "GET", version);
        assert.strictEqual(v.body.id, version);
        assert.strictEqual(obj(obj(obj(v.body.properties).storageProfile).source).virtualMachineId, VM);
        const g = await arm(emulator, "GET", gallery);
        assert.deepStrictEqual(Object.keys(obj(obj(g.body.identity).userAssignedIdentities)), [UAI]);
    });
});

describe("recaseArmId", () => {
    const cases: [string, string][] = [
        [`/subscriptions/s/resourceGroups/My-RG`, `/subscriptions/s/resourcegroups/MY-RG`],
        [`/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0`, `/subscriptions/s/resourcegroups/RG/providers/microsoft.compute/galleries/G/images/I/versions/1.0.0`],
        ["/communityGalleries/pub-1234/images/ubuntu", "/communityGalleries/pub-1234/images/ubuntu"],
        ["https://x.blob.core.windows.net/c/a.vhd", "https://x.blob.core.windows.net/c/a.vhd"],
        ["West US", "West US"],
    ];
    for (const [input, output] of cases) {
        it(`${input} -> ${output}`, () => assert.strictEqual(recaseArmId(input), output));
    }
});
