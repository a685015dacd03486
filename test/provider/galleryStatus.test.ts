/**
 * galleryStatus and the `azure-compute-gallery status` command against the emulator: each definition's
 * versions region by region, and `latest` per region as getLatestImageVersion / getLatestApplicationVersion
 * resolve it. The command is the compiled bin the package ships, run as a user runs it, its settings
 * from the environment (NODE_EXTRA_CA_CERTS, set by the test runner, makes it trust the emulator).
 */
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { VersionStatus, galleryStatus, getLatestApplicationVersion, getLatestImageVersion } from "../../provider";
import { statusTable } from "../../provider/functions/table";
import { JsonObject } from "../../emulator/json";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { arm } from "../support/http";

const GALLERY = "status";
const gallery = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const MEDIA = "https://account.blob.core.windows.net/apps/agent.zip?sv=1&sig=a";
const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.resolve(__dirname, "../../provider/bin/azure-compute-gallery.js");

/** The command as a user runs it; asynchronous, since the emulator answers from this process. */
function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], { env: process.env }, (error, stdout, stderr) => {
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
    });
}

describe("a gallery's status, and the status command", function () {
    const emulator = emulatorForProvider({ operationMs: 0, pageSize: 2 });

    async function put(p: string, body: JsonObject): Promise<void> {
        const res = await arm(emulator(), "PUT", p, body);
        assert.ok(res.status < 300, `PUT ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const imageVersion = (name: string, publishing: JsonObject = {}) =>
        put(`${gallery}/images/ubuntu/versions/${name}`, {
            location: "westus",
            properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus" }], ...publishing } },
        });

    before(async () => {
        await put(gallery, { location: "westus" });
        await put(`${gallery}/images/ubuntu`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04" } } });
        await imageVersion("1.9.0", { endOfLifeDate: "2099-01-01T00:00:00Z" });
        await imageVersion("1.10.0", { targetRegions: [{ name: "westus" }, { name: "eastus", excludeFromLatest: true }] });
        emulator().faults.add({ method: "PUT", path: "/images/ubuntu/versions/2.0.0", action: { kind: "replicationFails", region: "eastus", message: "the source could not be copied" }, times: 1 });
        await imageVersion("2.0.0");
        await imageVersion("0.9.0", { targetRegions: [{ name: "westus" }], endOfLifeDate: "2099-01-01T00:00:00Z" });
        emulator().service.drift(`${gallery}/images/ubuntu/versions/0.9.0`, { properties: { publishingProfile: { endOfLifeDate: "2020-01-01T00:00:00Z" } } });
        await put(`${gallery}/images/empty`, { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer: "ubuntu", sku: "empty" } } });
        await put(`${gallery}/applications/agent`, { location: "westus", properties: { supportedOSType: "Linux" } });
        await put(`${gallery}/applications/agent/versions/1.0.0`, {
            location: "westus",
            properties: { publishingProfile: { source: { mediaLink: MEDIA }, manageActions: { install: "./install.sh", remove: "./remove.sh" }, targetRegions: [{ name: "westus" }], excludeFromLatest: true } },
        });
    });

    it("each definition's versions newest first, region by region, and latest per region as the latest functions resolve it", async () => {
        const status = await galleryStatus({ galleryId: gallery });
        assert.deepStrictEqual([status.subscriptionId, status.resourceGroupName, status.galleryName], [SUBSCRIPTION, RESOURCE_GROUP, GALLERY]);
        assert.deepStrictEqual(status.definitions.map((d) => [d.kind, d.name, d.versions.map((v) => v.name)]), [
            ["image", "ubuntu", ["2.0.0", "1.10.0", "1.9.0", "0.9.0"]],
            ["image", "empty", []],
            ["application", "agent", ["1.0.0"]],
        ]);
        const ubuntu = status.definitions[0];
        assert.deepStrictEqual(ubuntu.regions, ["West US", "East US"]);
        assert.deepStrictEqual(ubuntu.latest, [
            { region: "West US", version: "1.10.0" },
            { region: "East US", version: "1.9.0" },
        ]);
        const [failed, excluded, , past] = ubuntu.versions;
        assert.deepStrictEqual([failed.provisioningState, failed.regions.map((r) => [r.name, r.replicationState, r.details])], [
            "Failed",
            [
                ["West US", "Completed", undefined],
                ["East US", "Failed", "the source could not be copied"],
            ],
        ]);
        assert.deepStrictEqual(excluded.regions.map((r) => [r.name, r.ownExcludeFromLatest, r.excludeFromLatest]), [
            ["West US", undefined, false],
            ["East US", true, true],
        ]);
        assert.deepStrictEqual([past.endOfLifeDate, past.endOfLifePassed], ["2020-01-01T00:00:00.000Z", true]);
        assert.deepStrictEqual(status.definitions[2].latest, [{ region: "West US", reason: "1 version: 1 excluded from latest" }]);
        // The same selection as the latest functions, region by region.
        for (const { region, version } of ubuntu.latest) {
            assert.strictEqual((await getLatestImageVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY, galleryImageName: "ubuntu", region })).name, version);
        }
        await assert.rejects(getLatestApplicationVersion({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY, galleryApplicationName: "agent", region: "westus" }), /1 version: 1 excluded from latest\.$/);
        assert.deepStrictEqual(await galleryStatus({ resourceGroupName: RESOURCE_GROUP, galleryName: GALLERY }), status, "by names as by id");
    });

    it("refuses an id that is not a gallery's, naming the id it needs", async () => {
        await assert.rejects(galleryStatus({ galleryId: `${gallery}/images/ubuntu` }), /^Error: galleryStatus needs the ARM id of a Gallery, \/subscriptions\/\{subscriptionId\}\/resourceGroups\/\{resourceGroupName\}\/providers\/Microsoft\.Compute\/galleries\/\{galleryName\}; ".*\/images\/ubuntu" is the id of a Microsoft\.Compute\/galleries\/images resource$/);
    });

    it("is a command the package ships: a bin in dist/provider, with a shebang", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; files: string[] };
        assert.deepStrictEqual(pkg.bin, { "azure-compute-gallery": "dist/provider/bin/azure-compute-gallery.js" });
        assert.ok(pkg.files.some((f) => pkg.bin["azure-compute-gallery"].startsWith(`${f}/`)), "shipped by the files list");
        assert.strictEqual(fs.readFileSync(path.join(ROOT, pkg.bin["azure-compute-gallery"]), "utf8").split("\n")[0], "#!/usr/bin/env node");
    });

    it("the command prints a table per definition: versions as rows, regions as columns, latest marked per region", async () => {
        const { code, stdout, stderr } = await run("status", gallery);
        assert.deepStrictEqual([code, stderr], [0, ""]);
        assert.strictEqual(
            stdout,
            [
                `Gallery ${GALLERY} (resource group ${RESOURCE_GROUP}, subscription ${SUBSCRIPTION})`,
                "",
                "Image definition ubuntu: 4 versions",
                "  version  provisioning  end of life        excluded  West US      East US",
                "  2.0.0    Failed                                     Completed    Failed",
                "  1.10.0   Succeeded                                  Completed *  Completed x",
                "  1.9.0    Succeeded     2099-01-01                   Completed    Completed *",
                "  0.9.0    Succeeded     2020-01-01 (past)            Completed    -",
                "",
                "Image definition empty: 0 versions",
                "",
                "VM application agent: 1 version",
                "  version  provisioning  end of life  excluded  West US",
                "  1.0.0    Succeeded                  yes       Completed x",
                "  latest in West US: none (1 version: 1 excluded from latest)",
                "",
                "* the version latest resolves to in the region   x excluded from latest in the region (its own flag, else the version's)",
                "",
            ].join("\n"),
        );
    });

    it("the table finds a region however a version spells it", () => {
        const version = (name: string, region: string): VersionStatus => ({
            id: name,
            name,
            provisioningState: "Succeeded",
            endOfLifePassed: false,
            excludeFromLatest: false,
            regions: [{ name: region, replicationState: "Replicating", progress: 40, excludeFromLatest: false }],
        });
        const text = statusTable({
            id: gallery,
            subscriptionId: SUBSCRIPTION,
            resourceGroupName: RESOURCE_GROUP,
            galleryName: GALLERY,
            definitions: [{ kind: "image", id: "d", name: "d", regions: ["East US"], versions: [version("1.1.0", "eastus"), version("1.0.0", "East US")], latest: [{ region: "East US", reason: "2 versions: 2 not replicated to East US (2 Replicating)" }] }],
        });
        assert.deepStrictEqual(text.split("\n").slice(3, 7), [
            "  version  provisioning  end of life  excluded  East US",
            "  1.1.0    Succeeded                            Replicating 40%",
            "  1.0.0    Succeeded                            Replicating 40%",
            "  latest in East US: none (2 versions: 2 not replicated to East US (2 Replicating))",
        ]);
    });

    it("the command's --json is galleryStatus's answer", async () => {
        const { code, stdout } = await run("status", gallery, "--json");
        assert.strictEqual(code, 0);
        assert.deepStrictEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(await galleryStatus({ galleryId: gallery }))));
    });

    it("the command exits non-zero with a clear message: 2 for a bad id or command line, 1 when Azure refuses", async () => {
        const badId = await run("status", "/subscriptions/x/resourceGroups/y");
        assert.strictEqual(badId.code, 2);
        assert.match(badId.stderr, /^azure-compute-gallery: status needs the ARM id of a Gallery, .*; "\/subscriptions\/x\/resourceGroups\/y" is not an ARM resource id\n$/);
        const noCommand = await run("list", gallery);
        assert.deepStrictEqual([noCommand.code, noCommand.stderr.split("\n")[0]], [2, 'azure-compute-gallery: unknown command "list"']);
        const missing = await run("status", gallery.replace(/status$/, "nothere"));
        assert.strictEqual(missing.code, 1);
        assert.match(missing.stderr, /^azure-compute-gallery: Reading gallery "nothere" \(resource group "golden-images"\) failed \(HTTP 404 ResourceNotFound\): .+\n$/);
        assert.strictEqual(missing.stdout, "");
    });
});
