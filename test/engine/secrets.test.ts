/**
 * A canary credential through every path the provider takes one from (stack config, the
 * environment's token, a client secret in the environment, azure-native's config, an OIDC token)
 * never appears in state, outputs, the progress log, what the host prints, or an error message, also
 * when Azure fails an operation and the error names the resource. The logins go through a small
 * Entra ID (test/support/entra.ts) that accepts only the canary.
 */
import * as assert from "assert";
import { ArmEmulator } from "../emulator/server";
import { startTestEmulator } from "../support/emulator";
import { accessToken, externalToken, FakeEntra, startFakeEntra } from "../support/entra";
import { EngineDriver, RunResult } from "./driver";
import { managedImage, stack } from "./stacks";

const TENANT = "6f1c2d3e-0000-4000-8000-0000000005ec";
const PIPELINE = { iss: "https://vstoken.dev.azure.com/contoso", sub: "sc://contoso/images/gallery", aud: "api://AzureADTokenExchange" };

const CANARY = {
    configToken: "canary-config-token-7f3a91",
    envToken: "canary-env-token-9b2c44",
    clientSecret: "canary-client-secret-4d1e05",
    nativeSecret: "canary-native-secret-c83b72",
    oidcToken: externalToken({ ...PIPELINE, jti: "canary-oidc-token-5e0a17" }),
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
    let entra: FakeEntra;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        entra = await startFakeEntra(process.env.EMULATOR_CERT_DIR!);
        entra.register({ tenantId: TENANT, clientId: "sp-canary-secret", secret: CANARY.clientSecret });
        entra.register({ tenantId: TENANT, clientId: "sp-canary-oidc", federated: { issuer: PIPELINE.iss, subject: PIPELINE.sub, audience: PIPELINE.aud } });
    });
    after(() => Promise.all([emulator.stop(), entra.stop()]));
    /** Entra ID as the authority; no token held, so the provider logs in. */
    const login = () => ({ ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST: entra.url, ARM_DISABLE_INSTANCE_DISCOVERY: "true" });

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

    it("a client secret in ARM_* variables: the provider logs in with it, and it stays out of sight", async () => {
        const seen = await run(
            "secretsclient",
            { "azure-compute-gallery:accessToken": "" },
            { ...login(), ARM_CLIENT_ID: "sp-canary-secret", ARM_TENANT_ID: TENANT, ARM_CLIENT_SECRET: CANARY.clientSecret },
            accessToken("secret", "sp-canary-secret"),
        );
        assertNoCanary(seen, "ARM_CLIENT_SECRET");
    });

    it("an OIDC token and a client id in azure-native's config: the provider logs in with it, and it stays out of sight", async () => {
        const seen = await run(
            "secretsoidc",
            { "azure-compute-gallery:accessToken": "", "azure-native:useOidc": "true", "azure-native:clientId": "sp-canary-oidc", "azure-native:tenantId": TENANT, "azure-native:oidcToken": CANARY.oidcToken },
            login(),
            accessToken("federated", "sp-canary-oidc"),
        );
        assertNoCanary(seen, "azure-native:oidcToken");
    });
});
