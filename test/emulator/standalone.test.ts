/** `npm run emulator` as a separate process: one JSON line on stdout, then the real SDK is served. */
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { ComputeManagementClient } from "@azure/arm-compute";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, staticToken } from "../support/emulator";
import { arm } from "../support/http";

describe("the standalone emulator", () => {
    it("prints its endpoint and CA, then serves the SDK", async () => {
        const child = spawn(process.execPath, [path.resolve(__dirname, "../../emulator/main.js")], {
            env: {
                ...process.env,
                EMULATOR_RESOURCE_GROUPS: `${SUBSCRIPTION}/${RESOURCE_GROUP}`,
                EMULATOR_REPLICATION_MS_PER_REGION: "0",
                EMULATOR_RETRY_AFTER_SECONDS: "0",
                EMULATOR_ECHO: "recased",
            },
            stdio: ["ignore", "pipe", "inherit"],
        });
        try {
            const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once("line", resolve));
            const info = JSON.parse(line) as { endpoint: string; caCertPath: string };
            assert.match(info.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
            assert.strictEqual(info.caCertPath, process.env.NODE_EXTRA_CA_CERTS, "uses the CA this test run trusts");
            const sdk = new ComputeManagementClient(staticToken, SUBSCRIPTION, { endpoint: info.endpoint });
            const g = await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "standalone", { location: "westus" }, FAST_POLL);
            assert.strictEqual(g.provisioningState, "Succeeded");
            assert.strictEqual(g.id, `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP.toUpperCase()}/providers/microsoft.compute/galleries/STANDALONE`, "EMULATOR_ECHO=recased");

            const vm = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/virtualMachines/vm1`;
            const registered = await arm(info, "POST", "/__emulator/sources", { id: vm, location: "westus", osDiskSizeGB: 64, dataDisks: [{ lun: 0, sizeInGB: 100 }] }, { apiVersion: null });
            assert.strictEqual(registered.status, 201);
            await sdk.galleryImages.createOrUpdate(RESOURCE_GROUP, "standalone", "img", { location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } }, FAST_POLL);
            const v = await sdk.galleryImageVersions.createOrUpdate(RESOURCE_GROUP, "standalone", "img", "1.0.0", { location: "westus", storageProfile: { source: { virtualMachineId: vm } } }, FAST_POLL);
            assert.deepStrictEqual(
                [v.storageProfile?.osDiskImage?.sizeInGB, v.storageProfile?.dataDiskImages?.map((d) => [d.lun, d.sizeInGB])],
                [64, [[0, 100]]],
                "the registered VM's disks",
            );
        } finally {
            child.kill("SIGTERM");
        }
    });
});
