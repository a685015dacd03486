/** The provider's create / read / update / delete against the emulator, through the real SDK. */
import { setEnv } from "../support/env";
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId, startTestEmulator } from "../support/emulator";

const SRC = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;

async function up(kind: keyof typeof providers, news: Inputs, olds?: Inputs): Promise<Inputs> {
    const p = providers[kind];
    const { inputs, failures } = await p.check!(olds ?? {}, news);
    assert.deepStrictEqual(failures, []);
    if (!olds) {
        const { id, outs } = await p.create(inputs);
        return { ...outs, __inputs: inputs, __id: id };
    }
    const d = await p.diff!(String(olds.__id), olds, inputs);
    assert.ok(!(d.replaces ?? []).length, `unexpected replacement of ${JSON.stringify(d.replaces)}`);
    if (!d.changes) return olds;
    return { ...(await p.update!(String(olds.__id), olds, inputs)).outs, __id: olds.__id };
}

describe("provider life cycle against the emulator", function () {
    let emulator: ArmEmulator;
    const saved = { ...process.env };
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 150 });
        Object.assign(process.env, { ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "pipeline-token", ARM_SUBSCRIPTION_ID: SUBSCRIPTION, AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    });
    after(async () => {
        setEnv(saved);
        await emulator.stop();
    });

    const galleryInputs = { resourceGroupName: RESOURCE_GROUP, galleryName: "lifecycle", location: "West US", description: "golden" };
    const imageInputs = {
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "lifecycle",
        galleryImageName: "ubuntu",
        location: "westus",
        osType: "Linux",
        osState: "Generalized",
        identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04" },
        securityType: "TrustedLaunchSupported",
    };
    const versionInputs = (regions: Inputs[]) => ({
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "lifecycle",
        galleryImageName: "ubuntu",
        galleryImageVersionName: "1.0.0",
        location: "westus",
        storageProfile: { source: { id: SRC } },
        publishingProfile: { targetRegions: regions },
        __urn: "urn:pulumi:dev::golden::pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImageVersion::v1",
    });

    it("creates all three kinds, updates in place, refreshes drift, and deletes", async () => {
        const g = await up("gallery", galleryInputs);
        assert.strictEqual(g.uniqueName, `${SUBSCRIPTION}-LIFECYCLE`);
        assert.strictEqual(g.subscriptionId, SUBSCRIPTION);
        const i = await up("galleryImage", imageInputs);
        assert.strictEqual(i.hyperVGeneration, "V2", "Azure's default is reported");
        assert.strictEqual(i.securityType, "TrustedLaunchSupported", "features read back into their typed fields");

        const progress: string[] = [];
        const stop = onProgress((urn, m) => progress.push(`${urn.split("::").pop()}: ${m}`));
        const v = await up("galleryImageVersion", versionInputs([{ name: "westus" }, { name: "East US", regionalReplicaCount: 2 }, { name: "northeurope" }]));
        stop();
        assert.strictEqual(v.provisioningState, "Succeeded");
        assert.deepStrictEqual((v.replicationStatus as { summary: { state: string }[] }).summary.map((s) => s.state), ["Completed", "Completed", "Completed"]);
        assert.ok(progress.some((p) => /^v1: replicating to 3 region\(s\): West US done, East US \d+%/.test(p)), progress.join("\n"));

        // A second run with the same inputs changes nothing, even though Azure spells regions its own way.
        const olds = v;
        const same = await providers.galleryImageVersion.diff!("id", olds, (await providers.galleryImageVersion.check!(v.__inputs as Inputs, versionInputs([{ name: "westus" }, { name: "East US", regionalReplicaCount: 2 }, { name: "northeurope" }]))).inputs);
        assert.strictEqual(same.changes, false);

        // Replica count and a new region: in place, never a delete.
        const logPosition = emulator.requests.length;
        const v2 = await up("galleryImageVersion", versionInputs([{ name: "westus" }, { name: "East US", regionalReplicaCount: 4 }, { name: "northeurope" }, { name: "Sweden Central" }]), olds);
        const writes = emulator.writes(logPosition);
        assert.deepStrictEqual(writes.map((w) => w.method), ["PATCH"], `one PATCH, no DELETE: ${writes.map((w) => `${w.method} ${w.path} ${w.status}`).join("; ")}`);
        assert.strictEqual((v2.publishingProfile as { targetRegions: { regionalReplicaCount: number }[] }).targetRegions[1].regionalReplicaCount, 4);

        // Drift made directly in Azure is found by read.
        emulator.service.drift(armId("lifecycle"), { properties: { description: "edited in the portal" } });
        const refreshed = await providers.gallery.read!(String(g.__id), g);
        assert.strictEqual(refreshed.props?.description, "edited in the portal");
        const back = await providers.gallery.diff!("id", refreshed.props ?? {}, galleryInputs);
        assert.deepStrictEqual([back.changes, back.replaces], [true, []]);

        // Delete children then parents; the parent delete rides out the service's lag.
        emulator.faults.nestedDeleteLagMs = 300;
        await providers.galleryImageVersion.delete!(String(v2.__id), v2);
        await providers.galleryImage.delete!(String(i.__id), i);
        await providers.gallery.delete!(String(g.__id), g);
        assert.strictEqual(emulator.service.get(armId("lifecycle")), undefined);
        assert.ok(emulator.requests.some((r) => r.method === "DELETE" && r.status === 409), "the lagging 409 was seen and retried");
        emulator.faults.nestedDeleteLagMs = 0;

        // Read of something deleted behind our back drops it; delete tolerates 404.
        assert.deepStrictEqual(await providers.gallery.read!(String(g.__id), g), {});
        await providers.gallery.delete!(String(g.__id), g);
    });

    it("replicates to edge zones and direct-drive replica sets, and changes their counts in place", async () => {
        await up("gallery", { ...galleryInputs, galleryName: "edge" });
        await up("galleryImage", { ...imageInputs, galleryName: "edge" });
        const inputs = (zoneReplicas: number, directDrive: number) => ({
            ...versionInputs([{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: directDrive }] }]),
            galleryName: "edge",
            publishingProfile: {
                targetRegions: [{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: directDrive }] }],
                targetExtendedLocations: [{ name: "West US", extendedLocation: { name: "microsoftlosangeles1", type: "EdgeZone" }, extendedLocationReplicaCount: zoneReplicas }],
            },
        });
        const v = await up("galleryImageVersion", inputs(1, 1));
        const stored = emulator.service.get(armId("edge", "ubuntu", "1.0.0")) as { properties: { publishingProfile: Inputs } };
        assert.strictEqual(JSON.stringify(stored.properties.publishingProfile.targetExtendedLocations).includes("microsoftlosangeles1"), true);
        const again = await providers.galleryImageVersion.diff!("id", v, (await providers.galleryImageVersion.check!(v.__inputs as Inputs, inputs(1, 1))).inputs);
        assert.strictEqual(again.changes, false, "Azure's echo of edge zones and replica sets is no change");
        const at = emulator.requests.length;
        const v2 = await up("galleryImageVersion", inputs(3, 2), v);
        assert.deepStrictEqual(emulator.writes(at).map((w) => w.method), ["PATCH"]);
        const pp = v2.publishingProfile as { targetExtendedLocations: Inputs[]; targetRegions: { additionalReplicaSets: Inputs[] }[] };
        assert.deepStrictEqual([pp.targetExtendedLocations[0].extendedLocationReplicaCount, pp.targetRegions[0].additionalReplicaSets[0].regionalReplicaCount], [3, 2]);
    });

    it("replaces each kind when a create-only property changes: the old one is deleted first, the new one carries the change", async () => {
        const names = { galleryName: "replaced" };
        const replace = async (kind: keyof typeof providers, olds: Inputs, news: Inputs): Promise<Inputs> => {
            const p = providers[kind];
            const checked = (await p.check!(olds.__inputs as Inputs, news)).inputs;
            const d = await p.diff!(String(olds.__id), olds, checked);
            assert.ok((d.replaces ?? []).length > 0 && d.deleteBeforeReplace, `${kind}: ${JSON.stringify(d)}`);
            await p.delete!(String(olds.__id), olds);
            const fresh = (await p.check!({}, news)).inputs;
            const { id, outs } = await p.create(fresh);
            return { ...outs, __inputs: fresh, __id: id };
        };
        const g = await up("gallery", { ...galleryInputs, ...names });
        const i = await up("galleryImage", { ...imageInputs, ...names });
        const v = await up("galleryImageVersion", { ...versionInputs([{ name: "westus" }]), ...names });

        const v2 = await replace("galleryImageVersion", v, { ...versionInputs([{ name: "westus" }]), ...names, storageProfile: { source: { id: `${SRC}-2` } } });
        assert.strictEqual((emulator.service.get(armId("replaced", "ubuntu", "1.0.0")) as { properties: { storageProfile: { source: { id: string } } } }).properties.storageProfile.source.id, `${SRC}-2`);

        await providers.galleryImageVersion.delete!(String(v2.__id), v2);
        const i2 = await replace("galleryImage", i, { ...imageInputs, ...names, osState: "Specialized" });
        assert.strictEqual(i2.osState, "Specialized");

        await providers.galleryImage.delete!(String(i2.__id), i2);
        const g2 = await replace("gallery", g, { ...galleryInputs, ...names, location: "eastus" });
        assert.strictEqual((emulator.service.get(armId("replaced")) as { location: string }).location, "East US");
        await providers.gallery.delete!(String(g2.__id), g2);
    });

    it("never takes over an existing resource silently; adopt takes it over when create-only properties match", async () => {
        const inputs = { ...galleryInputs, galleryName: "existing" };
        await up("gallery", inputs);
        await assert.rejects(providers.gallery.create((await providers.gallery.check!({}, inputs)).inputs), /already exists in Azure.*adopt: true/);
        await assert.rejects(providers.gallery.create({ ...inputs, location: "eastus", adopt: true }), /cannot be taken over: .*location/);
        const adopted = await providers.gallery.create({ ...inputs, description: "adopted", adopt: true });
        assert.strictEqual(adopted.outs.description, "adopted");
    });

    it("a replication failure names the region and keeps the version in state for the next update", async () => {
        await up("gallery", { ...galleryInputs, galleryName: "failing" });
        await up("galleryImage", { ...imageInputs, galleryName: "failing" });
        emulator.faults.add({ method: "PUT", path: "/failing/images/ubuntu/versions/", action: { kind: "replicationFails", region: "eastus", message: "source too large" }, times: 1 });
        const inputs = { ...versionInputs([{ name: "westus" }, { name: "eastus" }]), galleryName: "failing" };
        const err = await providers.galleryImageVersion.create(inputs).then(
            () => assert.fail("create should fail"),
            (e: Error & { id?: string; properties?: Inputs }) => e,
        );
        assert.match(err.message, /East US.*source too large/);
        assert.ok(err.id?.endsWith("/versions/1.0.0"), "the error carries the id, so Pulumi records the resource");
        assert.strictEqual(err.properties?.provisioningState, "Failed");
        const retried = await providers.galleryImageVersion.update!(err.id!, err.properties!, inputs);
        assert.strictEqual(retried.outs?.provisioningState, "Succeeded");
    });

    it("returns once Azure accepts the version when waitForReplication is false", async () => {
        await up("gallery", { ...galleryInputs, galleryName: "nowait" });
        await up("galleryImage", { ...imageInputs, galleryName: "nowait" });
        emulator.timing.replicationMsPerRegion = 2000;
        try {
            const started = Date.now();
            const v = await up("galleryImageVersion", { ...versionInputs([{ name: "westus" }, { name: "eastus" }]), galleryName: "nowait", waitForReplication: false });
            assert.ok(Date.now() - started < 1500, "did not wait for 4 s of replication");
            assert.strictEqual(v.provisioningState, "Creating");
        } finally {
            emulator.timing.replicationMsPerRegion = 150;
        }
    });
});
