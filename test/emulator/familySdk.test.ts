/**
 * The real ComputeManagementClient (@azure/arm-compute 24.1.0, api-version 2025-03-03) against the
 * emulator for the six other operation groups of the gallery family — galleryApplications,
 * galleryApplicationVersions, galleryInVMAccessControlProfiles, galleryInVMAccessControlProfileVersions,
 * galleryScripts, galleryScriptVersions — each driven through its own long-running-operation style
 * (script versions poll with resourceLocationConfig "azure-async-operation", the others "location";
 * script PATCHes are answered 202), plus replication, faults and ARM's echoes.
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { obj } from "../../emulator/json";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, sdkClient, startTestEmulator } from "../support/emulator";
import { arm } from "../support/http";

const MEDIA = "https://account.blob.core.windows.net/apps/agent.zip?sv=1&sig=a";
const SCRIPT = "https://account.blob.core.windows.net/scripts/harden.ps1";
const rejectsWith = (status: number, code: string) => (e: { statusCode?: number; code?: string }) => e.statusCode === status && e.code === code;

describe("the real SDK against the emulator: applications, inVMAccessControlProfiles, scripts", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 30, replicationMsPerRegion: 60, pageSize: 2 });
        await sdkClient(emulator).galleries.createOrUpdate(RESOURCE_GROUP, "family", { location: "westus" }, FAST_POLL);
    });
    after(async () => emulator.stop());

    it("the 24.1.0 client has all six operation groups", () => {
        const sdk = sdkClient(emulator);
        for (const group of ["galleryApplications", "galleryApplicationVersions", "galleryInVMAccessControlProfiles", "galleryInVMAccessControlProfileVersions", "galleryScripts", "galleryScriptVersions"] as const) {
            assert.strictEqual(typeof sdk[group].createOrUpdate, "function", group);
        }
    });

    it("applications and application versions: create, replicate region by region, read with $expand, update, list over pages, delete", async () => {
        const sdk = sdkClient(emulator);
        for (const name of ["agent", "collector", "shipper"]) {
            const a = await sdk.galleryApplications.createOrUpdate(RESOURCE_GROUP, "family", name, { location: "westus", supportedOSType: "Linux", description: name }, FAST_POLL);
            assert.deepStrictEqual([a.name, a.supportedOSType, a.location], [name, "Linux", "West US"]);
        }
        const apps: string[] = [];
        for await (const a of sdk.galleryApplications.listByGallery(RESOURCE_GROUP, "family")) apps.push(a.name ?? "");
        assert.deepStrictEqual(apps, ["agent", "collector", "shipper"], "three over two pages (page size 2)");
        const updated = await sdk.galleryApplications.update(RESOURCE_GROUP, "family", "agent", { eula: "EULA v2", endOfLifeDate: new Date("2099-01-01T00:00:00Z") }, FAST_POLL);
        assert.deepStrictEqual([updated.eula, updated.description], ["EULA v2", "agent"], "a PATCH keeps what it leaves out");

        const started = Date.now();
        const v = await sdk.galleryApplicationVersions.createOrUpdate(
            RESOURCE_GROUP,
            "family",
            "agent",
            "1.0.0",
            {
                location: "westus",
                publishingProfile: {
                    source: { mediaLink: MEDIA },
                    manageActions: { install: "./install.sh", remove: "./remove.sh" },
                    targetRegions: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }],
                },
            },
            FAST_POLL,
        );
        assert.ok(Date.now() - started >= 120, "the create waits for replication to both regions (2 x 60 ms)");
        assert.strictEqual(v.provisioningState, "Succeeded");
        assert.deepStrictEqual(v.publishingProfile?.targetRegions?.map((t) => [t.name, t.regionalReplicaCount, t.storageAccountType]), [["West US", 1, "Standard_LRS"], ["East US", 2, "Standard_LRS"]]);
        const status = await sdk.galleryApplicationVersions.get(RESOURCE_GROUP, "family", "agent", "1.0.0", { expand: "ReplicationStatus" });
        assert.deepStrictEqual(status.replicationStatus?.summary?.map((s) => [s.region, s.state, s.progress]), [["West US", "Completed", 100], ["East US", "Completed", 100]]);
        assert.strictEqual((await sdk.galleryApplicationVersions.get(RESOURCE_GROUP, "family", "agent", "1.0.0")).replicationStatus, undefined, "only with $expand");

        const patched = await sdk.galleryApplicationVersions.update(
            RESOURCE_GROUP,
            "family",
            "agent",
            "1.0.0",
            { publishingProfile: { source: { mediaLink: MEDIA.replace("sig=a", "sig=b") }, excludeFromLatest: true, targetRegions: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3 }] } },
            FAST_POLL,
        );
        assert.deepStrictEqual([patched.publishingProfile?.excludeFromLatest, patched.publishingProfile?.manageActions?.install], [true, "./install.sh"]);
        await assert.rejects(
            sdk.galleryApplicationVersions.update(RESOURCE_GROUP, "family", "agent", "1.0.0", { publishingProfile: { source: { mediaLink: MEDIA }, manageActions: { install: "./other.sh", remove: "./remove.sh" } } }, FAST_POLL),
            rejectsWith(409, "PropertyChangeNotAllowed"),
        );
        await assert.rejects(sdk.galleryApplications.delete(RESOURCE_GROUP, "family", "agent", FAST_POLL), rejectsWith(409, "CannotDeleteResource"), "versions first (vm-applications-manage.md)");
        await sdk.galleryApplicationVersions.delete(RESOURCE_GROUP, "family", "agent", "1.0.0", FAST_POLL);
        for (const name of apps) await sdk.galleryApplications.delete(RESOURCE_GROUP, "family", name, FAST_POLL);
        await assert.rejects(sdk.galleryApplications.get(RESOURCE_GROUP, "family", "agent"), (e: { statusCode?: number }) => e.statusCode === 404);
    });

    it("inVMAccessControlProfiles and their versions (deletes answered 202 only)", async () => {
        const sdk = sdkClient(emulator);
        const p = await sdk.galleryInVMAccessControlProfiles.createOrUpdate(RESOURCE_GROUP, "family", "wireserver", { location: "westus", properties: { osType: "Windows", applicableHostEndpoint: "WireServer" } }, FAST_POLL);
        assert.deepStrictEqual([p.properties?.applicableHostEndpoint, p.properties?.provisioningState], ["WireServer", "Succeeded"]);
        const described = await sdk.galleryInVMAccessControlProfiles.update(RESOURCE_GROUP, "family", "wireserver", { properties: { osType: "Windows", applicableHostEndpoint: "WireServer", description: "WireServer rules" } }, FAST_POLL);
        assert.strictEqual(described.properties?.description, "WireServer rules");

        const v = await sdk.galleryInVMAccessControlProfileVersions.createOrUpdate(
            RESOURCE_GROUP,
            "family",
            "wireserver",
            "1.0.0",
            {
                location: "westus",
                mode: "Audit",
                defaultAccess: "Allow",
                targetLocations: [{ name: "westus" }, { name: "southcentralus" }],
                rules: { privileges: [{ name: "GoalState", path: "/machine", queryParameters: { comp: "goalstate" } }], roles: [{ name: "Provisioning", privileges: ["GoalState"] }] },
            },
            FAST_POLL,
        );
        assert.deepStrictEqual([v.mode, v.excludeFromLatest, v.targetLocations?.map((t) => t.name)], ["Audit", false, ["West US", "South Central US"]]);
        assert.ok(v.publishedDate instanceof Date);
        const enforced = await sdk.galleryInVMAccessControlProfileVersions.update(RESOURCE_GROUP, "family", "wireserver", "1.0.0", { mode: "Enforce", defaultAccess: "Deny" }, FAST_POLL);
        assert.deepStrictEqual([enforced.mode, enforced.rules?.roles?.[0].name], ["Enforce", "Provisioning"]);
        const versions = [];
        for await (const x of sdk.galleryInVMAccessControlProfileVersions.listByGalleryInVMAccessControlProfile(RESOURCE_GROUP, "family", "wireserver")) versions.push(x.name);
        assert.deepStrictEqual(versions, ["1.0.0"]);
        await sdk.galleryInVMAccessControlProfileVersions.delete(RESOURCE_GROUP, "family", "wireserver", "1.0.0", FAST_POLL);
        await sdk.galleryInVMAccessControlProfiles.delete(RESOURCE_GROUP, "family", "wireserver", FAST_POLL);
        assert.strictEqual(emulator.service.count("profile"), 0);
    });

    it("scripts (PATCH answered 202) and script versions (final state via Azure-AsyncOperation, PATCH 202 without a body)", async () => {
        const sdk = sdkClient(emulator);
        const s = await sdk.galleryScripts.createOrUpdate(RESOURCE_GROUP, "family", "harden", { location: "westus", properties: { supportedOSType: "Windows" } }, FAST_POLL);
        assert.strictEqual(s.properties?.provisioningState, "Succeeded");
        const since = emulator.requests.length;
        const described = await sdk.galleryScripts.update(RESOURCE_GROUP, "family", "harden", { description: "CIS hardening" }, FAST_POLL);
        assert.strictEqual(described.properties?.description, "CIS hardening");
        assert.strictEqual(emulator.requests[since].status, 202);

        const v = await sdk.galleryScriptVersions.createOrUpdate(
            RESOURCE_GROUP,
            "family",
            "harden",
            "1.0.0",
            { location: "westus", properties: { publishingProfile: { source: { scriptLink: `${SCRIPT}?sig=s`, parameters: [{ name: "level", type: "Int", minValue: "1", maxValue: "2" }] }, targetRegions: [{ name: "westus" }, { name: "westeurope" }] } } },
            FAST_POLL,
        );
        assert.strictEqual(v.properties?.publishingProfile.source.scriptLink, SCRIPT, "answered without its SAS query");
        assert.deepStrictEqual(v.properties?.publishingProfile.targetRegions?.map((t) => t.name), ["West US", "West Europe"]);
        const patchAt = emulator.requests.length;
        const patched = await sdk.galleryScriptVersions.update(RESOURCE_GROUP, "family", "harden", "1.0.0", { publishingProfile: { source: { scriptLink: SCRIPT }, excludeFromLatest: true } }, FAST_POLL);
        assert.strictEqual(patched.properties?.publishingProfile.excludeFromLatest, true, "the final GET of the PATCH's 202 reads the version");
        assert.strictEqual(emulator.requests[patchAt].status, 202);
        const listed = [];
        for await (const x of sdk.galleryScriptVersions.listByGalleryScript(RESOURCE_GROUP, "family", "harden")) listed.push(x.name);
        assert.deepStrictEqual(listed, ["1.0.0"]);
        const status = await arm(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/family/scripts/harden/versions/1.0.0`, undefined, { query: { $expand: "ReplicationStatus" } });
        assert.strictEqual(obj(obj(status.body.properties).replicationStatus).aggregatedState, "Completed", "GalleryScriptVersion_Get_WithReplicationStatus.json's $expand (the SDK has no option for it)");
        await sdk.galleryScriptVersions.delete(RESOURCE_GROUP, "family", "harden", "1.0.0", FAST_POLL);
        await sdk.galleryScripts.delete(RESOURCE_GROUP, "family", "harden", FAST_POLL);
        assert.strictEqual(emulator.service.count("script"), 0);
    });

    it("faults: a region's replication fails the version's operation; a 429 is retried; a failed delete leaves the resource", async () => {
        const sdk = sdkClient(emulator);
        await sdk.galleryApplications.createOrUpdate(RESOURCE_GROUP, "family", "flaky", { location: "westus", supportedOSType: "Windows" }, FAST_POLL);
        emulator.faults.add({ method: "PUT", path: /\/applications\/flaky\/versions\/1\.0\.0$/i, action: { kind: "replicationFails", region: "eastus", message: "Storage unavailable." }, times: 1 });
        await assert.rejects(
            sdk.galleryApplicationVersions.createOrUpdate(RESOURCE_GROUP, "family", "flaky", "1.0.0", { location: "westus", publishingProfile: { source: { mediaLink: MEDIA }, targetRegions: [{ name: "westus" }, { name: "eastus" }] } }, FAST_POLL),
            /Replication failed in region 'East US'/,
        );
        const failed = await sdk.galleryApplicationVersions.get(RESOURCE_GROUP, "family", "flaky", "1.0.0", { expand: "ReplicationStatus" });
        assert.deepStrictEqual([failed.provisioningState, failed.replicationStatus?.aggregatedState, failed.replicationStatus?.summary?.[1].details], ["Failed", "Failed", "Storage unavailable."]);

        await sdk.galleryScripts.createOrUpdate(RESOURCE_GROUP, "family", "retry", { location: "westus", properties: { supportedOSType: "Linux" } }, FAST_POLL);
        emulator.faults.add({ method: "PUT", path: /\/scripts\/retry\/versions\/1\.0\.0$/i, action: { kind: "status", status: 429, retryAfterSeconds: 0 }, times: 1 });
        const since = emulator.requests.length;
        await sdkClient(emulator, { retryDelayMs: 10 }).galleryScriptVersions.createOrUpdate(RESOURCE_GROUP, "family", "retry", "1.0.0", { location: "westus", properties: { publishingProfile: { source: { scriptLink: SCRIPT } } } }, FAST_POLL);
        assert.deepStrictEqual(emulator.requests.slice(since).filter((r) => r.method === "PUT").map((r) => r.status), [429, 201]);

        emulator.faults.add({ method: "DELETE", path: /\/scripts\/retry\/versions\/1\.0\.0$/i, action: { kind: "operationFails", code: "InternalOperationError" }, times: 1 });
        await assert.rejects(sdk.galleryScriptVersions.delete(RESOURCE_GROUP, "family", "retry", "1.0.0", FAST_POLL));
        assert.strictEqual((await sdk.galleryScriptVersions.get(RESOURCE_GROUP, "family", "retry", "1.0.0")).name, "1.0.0");
    });

    it("ARM's echoes (recased): ids re-cased and every region by its display name, which the SDK reads unchanged", async () => {
        const sdk = sdkClient(emulator);
        await sdk.galleryInVMAccessControlProfiles.createOrUpdate(RESOURCE_GROUP, "family", "imds", { location: "eastus2", properties: { osType: "Linux", applicableHostEndpoint: "IMDS" } }, FAST_POLL);
        await sdk.galleryInVMAccessControlProfileVersions.createOrUpdate(RESOURCE_GROUP, "family", "imds", "1.0.0", { location: "eastus2", mode: "Audit", defaultAccess: "Allow", targetLocations: [{ name: "eastus2" }] }, FAST_POLL);
        emulator.service.echo = "recased";
        try {
            const v = await sdk.galleryInVMAccessControlProfileVersions.get(RESOURCE_GROUP, "family", "imds", "1.0.0");
            assert.strictEqual(v.id, `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP.toUpperCase()}/providers/microsoft.compute/galleries/FAMILY/invmaccesscontrolprofiles/IMDS/versions/1.0.0`);
            assert.deepStrictEqual([v.location, v.targetLocations?.[0].name], ["East US 2", "East US 2"]);
        } finally {
            emulator.service.echo = "asWritten";
        }
    });
});
