/**
 * getLatestImageVersion and getLatestApplicationVersion against the emulator, through the real SDK,
 * settings read as a program reads them: every page of a long list, Major.Minor.Patch order,
 * excludeFromLatest of the version and of a region (the region's own flag wins both ways), a region
 * whose replication failed, end of life, the message when nothing qualifies, and the Output form.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { getLatestApplicationVersion, getLatestImageVersion, getLatestImageVersionOutput, LatestVersion } from "../../provider";
import { JsonObject } from "../../emulator/json";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { setEnv } from "../support/env";
import { arm } from "../support/http";

const GALLERY = "latest";
const gallery = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const MEDIA = "https://account.blob.core.windows.net/apps/agent.zip?sv=1&sig=a";

describe("the latest version of a definition, against the emulator", function () {
    // Synchronous answers; three versions a page, so that a list of eight has three pages.
    const emulator = emulatorForProvider({ operationMs: 0, pageSize: 3 });

    async function put(path: string, body: JsonObject): Promise<void> {
        const res = await arm(emulator(), "PUT", path, body);
        assert.ok(res.status < 300, `PUT ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const definition = (name: string) =>
        put(`${gallery}/images/${name}`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer: "base", sku: name } } });
    const version = (def: string, name: string, publishing: JsonObject = {}) =>
        put(`${gallery}/images/${def}/versions/${name}`, {
            location: "westus",
            properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus" }], ...publishing } },
        });
    const latest = (galleryImageName: string, more: { region?: string; includeEndOfLife?: boolean } = {}) =>
        getLatestImageVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY, galleryImageName, ...more });
    const named = async (galleryImageName: string, more: { region?: string; includeEndOfLife?: boolean } = {}) => (await latest(galleryImageName, more)).name;

    before(async () => put(gallery, { location: "westus" }));

    it("reads every page of a long list and orders by number: 1.10.0 above 1.9.0 above 1.2.10", async () => {
        await definition("paged");
        // The highest is made last, so it is on the last of three pages.
        for (const v of ["0.1.0", "1.2.9", "1.9.0", "1.2.10", "0.10.0", "1.1.0", "1.0.0", "1.10.0"]) await version("paged", v);
        const at = emulator().requests.length;
        const found = await latest("paged");
        const lists = emulator().requests.slice(at).filter((r) => r.method === "GET" && /\/images\/paged\/versions$/i.test(r.path));
        assert.strictEqual(lists.length, 3, "three pages, nextLink followed");
        assert.strictEqual(lists.filter((r) => r.query.includes("skiptoken")).length, 2);
        assert.deepStrictEqual({ ...found, publishedDate: typeof found.publishedDate }, {
            id: `${gallery}/images/paged/versions/1.10.0`,
            name: "1.10.0",
            publishedDate: "string",
            endOfLifeDate: undefined,
            regions: [
                { name: "West US", replicationState: "Completed", excludeFromLatest: false },
                { name: "East US", replicationState: "Completed", excludeFromLatest: false },
            ],
        });

        await arm(emulator(), "PATCH", `${gallery}/images/paged/versions/1.10.0`, { properties: { publishingProfile: { excludeFromLatest: true } } });
        assert.strictEqual(await named("paged"), "1.9.0");
        await arm(emulator(), "PATCH", `${gallery}/images/paged/versions/1.9.0`, { properties: { publishingProfile: { excludeFromLatest: true } } });
        assert.strictEqual(await named("paged"), "1.2.10");
    });

    it("excludeFromLatest: the version's own, and a region's own, which wins over it both ways", async () => {
        await definition("regional");
        await version("regional", "1.0.0");
        // Out of latest as a whole, but East US says otherwise.
        await version("regional", "2.0.0", { excludeFromLatest: true, targetRegions: [{ name: "westus" }, { name: "eastus", excludeFromLatest: false }] });
        assert.strictEqual(await named("regional", { region: "eastus" }), "2.0.0");
        assert.strictEqual(await named("regional", { region: "East US" }), "2.0.0", "a region by its display name is the same region");
        assert.strictEqual(await named("regional", { region: "westus" }), "1.0.0");
        assert.strictEqual(await named("regional"), "2.0.0", "without a region: not excluded everywhere");
        // In latest as a whole, but not in West US.
        await version("regional", "3.0.0", { excludeFromLatest: false, targetRegions: [{ name: "westus", excludeFromLatest: true }, { name: "eastus" }] });
        assert.strictEqual(await named("regional", { region: "West US" }), "1.0.0");
        assert.strictEqual(await named("regional", { region: "eastus" }), "3.0.0");
        const found = await latest("regional", { region: "eastus" });
        assert.deepStrictEqual(found.regions.map((r) => [r.name, r.excludeFromLatest]), [["West US", true], ["East US", false]]);
        // Out of latest as a whole and nowhere said otherwise.
        await version("regional", "4.0.0", { excludeFromLatest: true });
        assert.strictEqual(await named("regional"), "3.0.0");
        assert.strictEqual(await named("regional", { region: "eastus" }), "3.0.0");
    });

    it("a region whose replication failed, and a region the version does not target", async () => {
        await definition("failing");
        await version("failing", "1.0.0");
        emulator().faults.add({ method: "PUT", path: "/images/failing/versions/2.0.0", action: { kind: "replicationFails", region: "eastus", message: "the source could not be copied" }, times: 1 });
        await version("failing", "2.0.0");
        await version("failing", "3.0.0", { targetRegions: [{ name: "westus" }] });
        assert.strictEqual(await named("failing", { region: "eastus" }), "1.0.0");
        // 2.0.0 failed as a whole (its provisioning state is Failed), so West US skips it too.
        assert.strictEqual(await named("failing", { region: "westus" }), "3.0.0");
        await assert.rejects(latest("failing", { region: "northeurope" }), {
            message: `getLatestImageVersion: No version of image definition "failing" in gallery "${GALLERY}" (resource group "${RESOURCE_GROUP}") qualifies as latest in northeurope: 3 versions: 3 not targeting northeurope.`,
        });
    });

    it("replication is read only for versions every other rule admits, newest first, until one qualifies", async () => {
        await definition("reads");
        for (const v of ["1.0.0", "1.1.0", "1.2.0", "1.3.0"]) await version("reads", v);
        await version("reads", "2.0.0", { excludeFromLatest: true });
        const at = emulator().requests.length;
        assert.strictEqual(await named("reads", { region: "eastus" }), "1.3.0");
        const reads = emulator().requests.slice(at).filter((r) => /\/versions\/[^/]+$/i.test(r.path));
        assert.deepStrictEqual(reads.map((r) => [r.path.slice(r.path.lastIndexOf("/") + 1), r.query.includes("ReplicationStatus")]), [["1.3.0", true]]);
    });

    it("end of life: a version past it is skipped unless includeEndOfLife; one still ahead of it is not", async () => {
        await definition("eol");
        await version("eol", "1.0.0", { endOfLifeDate: "2099-01-01T00:00:00Z" });
        await version("eol", "2.0.0", { endOfLifeDate: "2099-01-01T00:00:00Z" });
        // Azure refuses a date already past (EndOfLifeDate must be set to a future date); time passes it.
        emulator().service.drift(`${gallery}/images/eol/versions/2.0.0`, { properties: { publishingProfile: { endOfLifeDate: "2020-01-01T00:00:00Z" } } });
        const current = await latest("eol");
        assert.deepStrictEqual([current.name, current.endOfLifeDate], ["1.0.0", "2099-01-01T00:00:00.000Z"]);
        assert.strictEqual(await named("eol", { includeEndOfLife: true }), "2.0.0");
        emulator().service.drift(`${gallery}/images/eol/versions/1.0.0`, { properties: { publishingProfile: { endOfLifeDate: "2021-01-01T00:00:00Z" } } });
        await assert.rejects(latest("eol", { region: "westus" }), {
            message: `getLatestImageVersion: No version of image definition "eol" in gallery "${GALLERY}" (resource group "${RESOURCE_GROUP}") qualifies as latest in westus: 2 versions: 2 past their end of life. (includeEndOfLife admits versions past their end of life)`,
        });
    });

    it("nothing qualifies: the message names the definition, the gallery, the region and why, count by count", async () => {
        await definition("none");
        await version("none", "1.0.0", { excludeFromLatest: true });
        for (const v of ["1.1.0", "1.2.0"]) {
            emulator().faults.add({ method: "PUT", path: `/images/none/versions/${v}`, action: { kind: "replicationFails", region: "eastus" }, times: 1 });
            await version("none", v);
        }
        await assert.rejects(latest("none", { region: "eastus" }), {
            message: `getLatestImageVersion: No version of image definition "none" in gallery "${GALLERY}" (resource group "${RESOURCE_GROUP}") qualifies as latest in eastus: 3 versions: 2 not replicated to eastus (2 Failed), 1 excluded from latest.`,
        });
        await definition("empty");
        await assert.rejects(latest("empty"), { message: `getLatestImageVersion: No version of image definition "empty" in gallery "${GALLERY}" (resource group "${RESOURCE_GROUP}") can be latest: it has no versions.` });
        await assert.rejects(latest("missing"), (e: Error) => {
            assert.match(e.message, /^getLatestImageVersion: Reading the versions of image definition "missing" in gallery "latest" \(resource group "golden-images"\) failed \(HTTP 404 ParentResourceNotFound\): /);
            return true;
        });
        // A misspelt region is refused as the resources refuse it, before any request.
        const at = emulator().requests.length;
        await assert.rejects(latest("none", { region: "east-us" }), /^Error: getLatestImageVersion: region "east-us" is not an Azure region \(did you mean "eastus"\?\)/);
        assert.strictEqual(emulator().requests.length, at);
        await assert.rejects(getLatestImageVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: "", galleryImageName: "x" }), {
            message: 'getLatestImageVersion: galleryName is required (a non-empty string), got "".',
        });
    });

    it("VM application versions, by the same rules", async () => {
        await put(`${gallery}/applications/agent`, { location: "westus", properties: { supportedOSType: "Linux" } });
        const appVersion = (name: string, publishing: JsonObject = {}) =>
            put(`${gallery}/applications/agent/versions/${name}`, {
                location: "westus",
                properties: { publishingProfile: { source: { mediaLink: MEDIA }, manageActions: { install: "./install.sh", remove: "./remove.sh" }, targetRegions: [{ name: "westus" }, { name: "eastus" }], ...publishing } },
            });
        await appVersion("1.9.0");
        await appVersion("1.10.0", { targetRegions: [{ name: "westus" }, { name: "eastus", excludeFromLatest: true }] });
        emulator().faults.add({ method: "PUT", path: "/applications/agent/versions/2.0.0", action: { kind: "replicationFails", region: "westus" }, times: 1 });
        await appVersion("2.0.0");
        const app = (region?: string) => getLatestApplicationVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY, galleryApplicationName: "agent", region });
        assert.deepStrictEqual(await app("westus").then((v) => [v.id, v.regions]), [
            `${gallery}/applications/agent/versions/1.10.0`,
            [
                { name: "West US", replicationState: "Completed", excludeFromLatest: false },
                { name: "East US", replicationState: "Completed", excludeFromLatest: true },
            ],
        ]);
        assert.strictEqual((await app("eastus")).name, "1.9.0");
        await assert.rejects(getLatestApplicationVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY, galleryApplicationName: "agent", region: "japaneast" }), {
            message: `getLatestApplicationVersion: No version of VM application "agent" in gallery "${GALLERY}" (resource group "${RESOURCE_GROUP}") qualifies as latest in japaneast: 3 versions: 3 not targeting japaneast.`,
        });
    });

    it("the Output form takes Inputs; settings come from the program's Pulumi config as from the environment", async () => {
        const saved = { ...process.env };
        try {
            // The subscription and the endpoint from the program's config (azure-compute-gallery:*), none in the environment.
            setEnv({ ...saved, ARM_SUBSCRIPTION_ID: undefined, ARM_ENDPOINT: undefined });
            await assert.rejects(latest("paged"), /No Azure subscription/);
            pulumi.runtime.setConfig("azure-compute-gallery:subscriptionId", SUBSCRIPTION);
            pulumi.runtime.setConfig("azure-compute-gallery:endpoint", emulator().endpoint);
            const output = getLatestImageVersionOutput({ resourceGroupName: pulumi.output(RESOURCE_GROUP), galleryName: Promise.resolve(GALLERY), galleryImageName: "paged", region: pulumi.output("eastus") });
            const found = await new Promise<LatestVersion>((resolve) => output.apply(resolve));
            assert.strictEqual(found.name, "1.2.10");
        } finally {
            pulumi.runtime.setAllConfig({});
            setEnv(saved);
        }
    });
});
