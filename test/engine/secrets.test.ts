/**
 * A canary credential through every path the provider takes one from (stack config, the
 * environment's token, a client secret in the environment, azure-native's config) never appears in
 * state, outputs, the progress log, what the host prints, or an error message, also when Azure fails
 * an operation and the error names the resource.
 */
import * as assert from "assert";
import { ArmEmulator } from "../emulator/server";
import { startTestEmulator } from "../support/emulator";
import { EngineDriver, RunResult } from "./driver";
import { managedImage, stack } from "./stacks";

const CANARY = {
    configToken: "canary-config-token-7f3a91",
    envToken: "canary-env-token-9b2c44",
    clientSecret: "canary-client-secret-4d1e05",
    nativeSecret: "canary-native-secret-c83b72",
};

/** Everything a user or a log collector could see of a run. */
function visible(driver: EngineDriver, r: RunResult): string {
    return JSON.stringify({ state: [...driver.state.values()], outputs: r.outputs, logs: r.logs, stderr: r.hostStderr, error: r.error ?? "" });
}

function assertNoCanary(text: string, path: string): void {
    for (const [name, value] of Object.entries(CANARY)) assert.ok(!text.includes(value), `${name} leaked (${path})`);
}

describe("engine scenarios: no credential reaches state, outputs, logs or errors", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    const run = async (galleryName: string, config: Record<string, string>, env: NodeJS.ProcessEnv, token: string) => {
        const mark = emulator.requests.length;
        const driver = stack("fixtures/definition", emulator, { galleryName, osState: "Generalized", sourceId: managedImage("build"), ...config }, { env });
        // Azure accepts the version, then fails it: the error path names the resource and carries Azure's words.
        emulator.faults.add({ method: "PUT", path: new RegExp(`/galleries/${galleryName}/images/app/versions/`, "i"), action: { kind: "operationFails", message: "the source image is being deleted" }, times: 1 });
        const failed = await driver.up();
        assert.match(String(failed.error), /version: .*the source image is being deleted/);
        const retried = await driver.up();
        assert.strictEqual(retried.error, undefined, retried.error);
        const sent = new Set(emulator.requests.slice(mark).map((r) => r.token));
        assert.deepStrictEqual([...sent], [token], "every request carried the canary token: it took this path");
        return [visible(driver, failed), visible(driver, retried)].join("\n");
    };

    it("a token in stack config, with a client secret in the environment and azure-native's secret in config beside it", async () => {
        const seen = await run(
            "secretsconfig",
            { "azure-compute-gallery:accessToken": CANARY.configToken, "azure-native:clientSecret": CANARY.nativeSecret },
            { ARM_CLIENT_SECRET: CANARY.clientSecret, AZURE_CLIENT_SECRET: CANARY.clientSecret },
            CANARY.configToken,
        );
        assertNoCanary(seen, "stack config");
    });

    it("a token from the environment only: the provider reaches Azure with it, and it stays out of sight", async () => {
        const seen = await run("secretsenv", { "azure-compute-gallery:accessToken": "" }, { ARM_ACCESS_TOKEN: CANARY.envToken, ARM_CLIENT_SECRET: CANARY.clientSecret }, CANARY.envToken);
        assertNoCanary(seen, "environment");
    });
});
