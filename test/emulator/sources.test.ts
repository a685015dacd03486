/** Versions made from whole images, VMs, other versions, disks and snapshots report the source's disk layout. */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue, obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";

const rg = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const gallery = `${rg}/providers/Microsoft.Compute/galleries/sources`;
const image = `${gallery}/images/linux`;
const build = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute`;
const VM = `${build}/virtualMachines/builder`;
const MANAGED_IMAGE = `${build}/images/golden`;
const SNAPSHOT = `${build}/snapshots/os`;
const DISK = `${build}/disks/data`;

let next = 0;
const newVersion = () => `${image}/versions/1.0.${next++}`;

const withSource = (source: JsonObject, extra: JsonObject = {}, location = "westus"): JsonObject => ({
    location,
    properties: { storageProfile: { source, ...extra }, publishingProfile: { targetRegions: [{ name: location }] } },
});

function storageOf(body: JsonObject): JsonObject {
    return obj(obj(body.properties).storageProfile);
}

function errorOf(body: JsonObject): JsonObject {
    return obj(body.error);
}

describe("sources and the disk layout they hand to a version", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
        const ok = async (path: string, body: JsonValue) => assert.strictEqual((await armDone(emulator, "PUT", path, body)).operation, "Succeeded");
        await ok(gallery, { location: "westus" });
        await ok(image, { location: "westus", properties: { osType: "Linux", osState: "Generalized", hyperVGeneration: "V2", identifier: { publisher: "p", offer: "o", sku: "s" } } });
        emulator.service.registerSource(VM, { location: "westus", osDiskSizeGB: 64, dataDisks: [{ lun: 0, sizeInGB: 128 }, { lun: 3, sizeInGB: 256, hostCaching: "ReadOnly" }], osType: "Linux", osState: "Generalized", hyperVGeneration: "V2" });
        emulator.service.registerSource(MANAGED_IMAGE, { location: "westus", osDiskSizeGB: 40, dataDisks: [{ lun: 1, sizeInGB: 10 }] });
    });
    after(async () => emulator.stop());

    it("a VM source: the answer reports its OS and data disks, which the request never listed", async () => {
        const path = newVersion();
        const res = await armDone(emulator, "PUT", path, withSource({ virtualMachineId: VM }));
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        const expected = {
            source: { virtualMachineId: VM },
            osDiskImage: { sizeInGB: 64, hostCaching: "ReadOnly" },
            dataDiskImages: [{ lun: 0, sizeInGB: 128, hostCaching: "None" }, { lun: 3, sizeInGB: 256, hostCaching: "ReadOnly" }],
        };
        assert.deepStrictEqual(storageOf(res.body), expected);
        assert.deepStrictEqual(storageOf(emulator.service.get(path) ?? {}), expected, "and so does every later read");
    });

    it("a managed image source: the request may restate the caching of the image's own disks", async () => {
        const res = await arm(emulator, "PUT", newVersion(), withSource({ id: MANAGED_IMAGE }, { osDiskImage: { hostCaching: "ReadWrite" }, dataDiskImages: [{ lun: 1, hostCaching: "ReadOnly" }] }));
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        assert.deepStrictEqual(obj(storageOf(res.body).osDiskImage), { hostCaching: "ReadWrite", sizeInGB: 40 });
        assert.deepStrictEqual(storageOf(res.body).dataDiskImages, [{ lun: 1, sizeInGB: 10, hostCaching: "ReadOnly" }]);
    });

    it("another gallery image version as the source: the answer reports that version's disks", async () => {
        const first = newVersion();
        await armDone(emulator, "PUT", first, withSource({ virtualMachineId: VM }));
        const res = await arm(emulator, "PUT", newVersion(), withSource({ id: first }));
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        assert.deepStrictEqual(obj(storageOf(res.body).osDiskImage).sizeInGB, 64);
        assert.deepStrictEqual(storageOf(res.body).dataDiskImages, [{ lun: 0, sizeInGB: 128, hostCaching: "None" }, { lun: 3, sizeInGB: 256, hostCaching: "ReadOnly" }]);
    });

    it("an unregistered source is accepted with a 30 GB OS disk and only the data disks the request names", async () => {
        const unknown = `${build}/images/never-registered`;
        const bare = await arm(emulator, "PUT", newVersion(), withSource({ id: unknown }));
        assert.strictEqual(bare.status, 201, JSON.stringify(bare.body));
        assert.deepStrictEqual(obj(storageOf(bare.body).osDiskImage), { sizeInGB: 30, hostCaching: "ReadOnly" });
        assert.deepStrictEqual(storageOf(bare.body).dataDiskImages, []);
        const named = await arm(emulator, "PUT", newVersion(), withSource({ id: unknown }, { dataDiskImages: [{ lun: 2, hostCaching: "ReadOnly" }] }));
        assert.deepStrictEqual(storageOf(named.body).dataDiskImages, [{ lun: 2, sizeInGB: 30, hostCaching: "ReadOnly" }]);
    });

    const refusals: { rule: string; register?: () => void; body: () => JsonObject; target: string; message: RegExp }[] = [
        {
            rule: "a registered source in another region",
            register: () => emulator.service.registerSource(`${build}/virtualMachines/far`, { location: "northeurope" }),
            body: () => withSource({ virtualMachineId: `${build}/virtualMachines/far` }),
            target: "galleryImageVersion.properties.storageProfile.source.virtualMachineId",
            message: /Source .*virtualMachines\/far is not found\. Please check source exists, and is in the same region as gallery image version being created/,
        },
        {
            rule: "a version source not replicated to the new version's region",
            body: () => ({ location: "eastus", properties: { storageProfile: { source: { id: `${image}/versions/1.0.0` } }, publishingProfile: { targetRegions: [{ name: "eastus" }] } } }),
            target: "galleryImageVersion.properties.storageProfile.source.id",
            message: /is not found\. Please check source exists, and is in the same region/,
        },
        {
            rule: "a source whose OS state differs from the definition's",
            register: () => emulator.service.registerSource(`${build}/virtualMachines/specialized`, { location: "westus", osState: "Specialized" }),
            body: () => withSource({ virtualMachineId: `${build}/virtualMachines/specialized` }),
            target: "galleryImageVersion.properties.storageProfile.source.virtualMachineId",
            message: /since the OS State in the parent gallery image \(Generalized\) is not Specialized/,
        },
        {
            rule: "a source of another Hyper-V generation",
            register: () => emulator.service.registerSource(`${build}/images/gen1`, { location: "westus", hyperVGeneration: "V1" }),
            body: () => withSource({ id: `${build}/images/gen1` }),
            target: "galleryImageVersion.properties.storageProfile.source.id",
            message: /different Hypervisor generation \['V1'\] than the parent gallery image Hypervisor generation \['V2'\]/,
        },
        {
            rule: "a source of another OS type",
            register: () => emulator.service.registerSource(`${build}/images/windows`, { location: "westus", osType: "Windows" }),
            body: () => withSource({ id: `${build}/images/windows` }),
            target: "galleryImageVersion.properties.storageProfile.source.id",
            message: /different OS type \['Windows'\] than the parent gallery image OS type generation \['Linux'\]/,
        },
        {
            rule: "a snapshot in another region",
            register: () => emulator.service.registerSource(`${build}/snapshots/far`, { location: "eastus", osDiskSizeGB: 50 }),
            body: () => ({ location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: `${build}/snapshots/far` } } } } }),
            target: "galleryImageVersion.properties.storageProfile.osDiskImage.source.id",
            message: /is not found\. Please check source exists/,
        },
        {
            rule: "encryption for a lun the source does not have",
            body: () => ({
                location: "westus",
                properties: {
                    storageProfile: { source: { virtualMachineId: VM } },
                    publishingProfile: { targetRegions: [{ name: "westus", encryption: { dataDiskImages: [{ lun: 7, diskEncryptionSetId: `${build}/diskEncryptionSets/des` }] } }] },
                },
            }),
            target: "galleryImageVersion.properties.publishingProfile.targetRegions.encryption.dataDiskImages",
            message: /An invalid lun \[7\] was specified in encryption\.dataDiskImages\. The lun must be one of the following values \['0,3'\]/,
        },
    ];
    for (const c of refusals) {
        it(`refuses ${c.rule} (400 InvalidParameter) and creates nothing`, async () => {
            c.register?.();
            const path = newVersion();
            const res = await arm(emulator, "PUT", path, c.body());
            assert.strictEqual(res.status, 400, JSON.stringify(res.body));
            assert.strictEqual(errorOf(res.body).code, "InvalidParameter");
            assert.strictEqual(errorOf(res.body).target, c.target);
            assert.match(String(errorOf(res.body).message), c.message);
            assert.strictEqual(emulator.service.get(path), undefined);
        });
    }

    it("a deleted managed image: the version made from it keeps reporting it and takes updates; a new version from it is refused", async () => {
        const built = `${build}/images/build-7`;
        emulator.service.registerSource(built, { location: "westus", osDiskSizeGB: 30 });
        const published = newVersion();
        assert.strictEqual((await armDone(emulator, "PUT", published, withSource({ id: built }))).operation, "Succeeded");
        emulator.service.removeSource(built);

        assert.deepStrictEqual(obj(storageOf(emulator.service.get(published) ?? {}).source), { id: built }, "the source stays in the version");
        const patched = await armDone(emulator, "PATCH", published, { properties: { publishingProfile: { excludeFromLatest: true } } });
        assert.strictEqual(patched.operation, "Succeeded", JSON.stringify(patched.body));
        const resent = await armDone(emulator, "PUT", published, withSource({ id: built }));
        assert.strictEqual(resent.operation, "Succeeded", "the whole version sent again, source included");

        const path = newVersion();
        const res = await arm(emulator, "PUT", path, withSource({ id: built }));
        assert.strictEqual(res.status, 400, JSON.stringify(res.body));
        assert.deepStrictEqual([errorOf(res.body).code, errorOf(res.body).target], ["InvalidParameter", "galleryImageVersion.properties.storageProfile.source.id"]);
        assert.match(String(errorOf(res.body).message), /Source was not found: .*images\/build-7\. Please make sure the source exists/);
        assert.strictEqual(emulator.service.get(path), undefined);
    });

    it("disks and snapshots: each disk reports its own registered size", async () => {
        emulator.service.registerSource(SNAPSHOT, { location: "westus", osDiskSizeGB: 80 });
        emulator.service.registerSource(DISK, { location: "westus", osDiskSizeGB: 512 });
        const res = await arm(emulator, "PUT", newVersion(), {
            location: "westus",
            properties: { storageProfile: { osDiskImage: { source: { id: SNAPSHOT } }, dataDiskImages: [{ lun: 4, source: { id: DISK } }] } },
        });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        assert.deepStrictEqual(obj(storageOf(res.body).osDiskImage), { source: { id: SNAPSHOT }, sizeInGB: 80, hostCaching: "ReadOnly" });
        assert.deepStrictEqual(storageOf(res.body).dataDiskImages, [{ lun: 4, source: { id: DISK }, sizeInGB: 512, hostCaching: "None" }]);
    });

    it("the standalone control call POST /__emulator/sources registers a source", async () => {
        const id = `${build}/virtualMachines/over-http`;
        const reg = await arm(emulator, "POST", "/__emulator/sources", { id, location: "westus", osDiskSizeGB: 127, dataDisks: [{ lun: 5, sizeInGB: 64 }] }, { apiVersion: null });
        assert.strictEqual(reg.status, 201);
        const res = await arm(emulator, "PUT", newVersion(), withSource({ virtualMachineId: id }));
        assert.deepStrictEqual([obj(storageOf(res.body).osDiskImage).sizeInGB, storageOf(res.body).dataDiskImages], [127, [{ lun: 5, sizeInGB: 64, hostCaching: "None" }]]);
        const bad = await arm(emulator, "POST", "/__emulator/sources", { id }, { apiVersion: null });
        assert.strictEqual(bad.status, 400, "a source needs a location");
    });
});
