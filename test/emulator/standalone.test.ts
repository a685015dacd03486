/** `npm run emulator` as a separate process: one JSON line on stdout, then the real SDK is served. */
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { ComputeManagementClient } from "@azure/arm-compute";
import { RESOURCE_GROUP, SUBSCRIPTION, staticToken } from "../support/emulator";

describe("the standalone emulator", () => {
    it("prints its endpoint and CA, then serves the SDK", async () => {
        const child = spawn(process.execPath, [path.join(__dirname, "main.js")], {
            env: { ...process.env, EMULATOR_RESOURCE_GROUPS: `${SUBSCRIPTION}/${RESOURCE_GROUP}`, EMULATOR_REPLICATION_MS_PER_REGION: "0" },
            stdio: ["ignore", "pipe", "inherit"],
        });
        try {
            const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once("line", resolve));
            const info = JSON.parse(line) as { endpoint: string; caCertPath: string };
            assert.match(info.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
            assert.strictEqual(info.caCertPath, process.env.NODE_EXTRA_CA_CERTS, "uses the CA this test run trusts");
            const sdk = new ComputeManagementClient(staticToken, SUBSCRIPTION, { endpoint: info.endpoint });
            const g = await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "standalone", { location: "westus" });
            assert.strictEqual(g.provisioningState, "Succeeded");
        } finally {
            child.kill("SIGTERM");
        }
    });
});
