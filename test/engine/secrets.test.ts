/**
 * A canary credential through every path the provider takes one from (stack config, the
 * environment's token, a client secret in the environment, azure-native's config, an OIDC token)
 * never appears in state, outputs, the progress log, what the host prints, or an error message, also
 * when Azure fails an operation and the error names the resource. The logins go through a small
 * Entra ID (test/support/entra.ts) that accepts only the canary.
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
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

/** A SAS token as a pipeline hands one to the program: a canary signature, valid until 2099. */
const sasLink = (signature: string, blob = "agent.zip") =>
    `https://contosoapps.blob.core.windows.net/packages/${blob}?sv=2024-11-04&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=${signature}`;
const SAS_CANARY = { first: "canary-sas-signature-1d7e4b90", renewed: "canary-sas-signature-8a2f6c13" };

/** Everything a user or a log collector could see of a run, the state as the checkpoint holds it (secrets encrypted). */
function seen(driver: EngineDriver, r: RunResult): string {
    return JSON.stringify({ checkpoint: driver.checkpoint(), outputs: r.outputs, logs: r.logs, stderr: r.hostStderr, error: r.error ?? "" });
}

function assertNoSas(text: string, when: string): void {
    for (const [name, value] of Object.entries(SAS_CANARY)) assert.ok(!text.includes(value), `the SAS token (${name}) is visible after ${when}`);
}

describe("engine scenarios: the SAS token of an application's package link stays a secret", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    for (const marked of [false, true]) {
        it(`${marked ? "marked secret by the program" : "written as plain text by the program"}: encrypted in state, never in a message, also when Azure's error quotes the link`, async () => {
            const galleryName = marked ? "sasmarked" : "sasplain";
            const config = (signature: string): Record<string, string> => ({ galleryName, mediaLink: sasLink(signature), regions: JSON.stringify(["westus", "eastus"]), secret: String(marked) });
            const driver = stack("fixtures/application", emulator, config(SAS_CANARY.first));
            const views: [string, string][] = [];
            const run = async (when: string, r: Promise<RunResult>) => {
                const result = await r;
                views.push([when, seen(driver, result)]);
                return result;
            };

            // Azure accepts the version, then cannot read the package in one region, and says so
            // quoting the link, as the VM Applications page shows ("The SAS isn't valid for source uri {uri}.").
            emulator.faults.add({
                method: "PUT",
                path: new RegExp(`/galleries/${galleryName}/applications/agent/versions/`, "i"),
                action: { kind: "replicationFails", region: "eastus", message: `The SAS isn't valid for source uri ${sasLink(SAS_CANARY.first)}.` },
                times: 1,
            });
            const failed = await run("the failed up", driver.up());
            assert.match(String(failed.error), /East US.*The SAS isn't valid for source uri https:\/\/contosoapps\.blob\.core\.windows\.net\/packages\/agent\.zip\?\[secret\]/);
            // From now on the stack also reads the version by its id.
            driver.config["application:readBack"] = "true";
            const retried = await run("the retry", driver.up());
            assert.strictEqual(retried.error, undefined, retried.error);

            // A renewed token: an update in place, and the next preview is quiet.
            driver.config[`application:mediaLink`] = sasLink(SAS_CANARY.renewed);
            const renewed = await run("the renewed token", driver.up());
            assert.strictEqual(renewed.error, undefined, renewed.error);
            assert.deepStrictEqual(renewed.steps.filter((s) => s.urn.endsWith("::version")).map((s) => s.op), ["update"]);
            const quiet = await run("the next preview", driver.preview());
            assert.deepStrictEqual([...new Set(quiet.steps.filter((s) => !s.urn.endsWith("::readback")).map((s) => s.op))], ["same"]);
            await run("a refresh", driver.refresh());

            // Azure has the real link: the token reached it, and only it.
            const held = emulator.service.get(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${galleryName}/applications/agent/versions/1.0.0`) as {
                properties: { publishingProfile: { source: { mediaLink: string } } };
            };
            assert.strictEqual(held.properties.publishingProfile.source.mediaLink, sasLink(SAS_CANARY.renewed));

            // In the checkpoint the link is encrypted, in the inputs and in the outputs that echo it;
            // the rest of the publishing profile stays readable.
            const version = driver.checkpoint().find((r) => r.urn.endsWith("::version"))!;
            const source = (p: Record<string, unknown>) => (p.publishingProfile as { source: Record<string, unknown> }).source;
            for (const props of [version.inputs, version.outputs]) {
                assert.ok(typeof source(props).mediaLink === "object" && "ciphertext" in (source(props).mediaLink as object), JSON.stringify(source(props)));
                assert.ok(Array.isArray((props.publishingProfile as { targetRegions?: unknown }).targetRegions), "target regions stay readable");
            }
            // A version read by its id has no inputs to take the secret bit from: its profile is secret whole.
            const readBack = driver.checkpoint().find((r) => r.urn.endsWith("::readback"))!;
            assert.ok("ciphertext" in (readBack.outputs.publishingProfile as object), JSON.stringify(readBack.outputs.publishingProfile).slice(0, 200));

            await run("the destroy", driver.destroy());
            for (const [when, text] of views) assertNoSas(text, when);
        });
    }
});

describe("engine scenarios: the SAS token of a script version's link stays a secret", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    it("written as plain text by the program: encrypted in state, never in a message; a renewed token is an update, then quiet", async () => {
        const galleryName = "sasscript";
        const link = (signature: string) => sasLink(signature, "setup.sh");
        const driver = stack("fixtures/script", emulator, { galleryName, scriptLink: link(SAS_CANARY.first) });
        const views: [string, string][] = [];
        const run = async (when: string, r: Promise<RunResult>) => {
            const result = await r;
            views.push([when, seen(driver, result)]);
            return result;
        };
        const created = await run("the up", driver.up());
        assert.strictEqual(created.error, undefined, created.error);

        driver.config["script:scriptLink"] = link(SAS_CANARY.renewed);
        const mark = emulator.requests.length;
        const renewed = await run("the renewed token", driver.up());
        const versionWrites = emulator.writes(mark).filter((w) => /\/scripts\/setup\/versions\/1\.0\.0$/i.test(w.path));
        assert.deepStrictEqual(versionWrites.map((w) => w.method), ["PATCH"], "the renewed token is sent, once");
        assert.strictEqual(renewed.error, undefined, renewed.error);
        assert.deepStrictEqual(renewed.steps.filter((s) => s.urn.endsWith("::version")).map((s) => s.op), ["update"]);
        const quiet = await run("the next preview", driver.preview());
        assert.deepStrictEqual([...new Set(quiet.steps.map((s) => s.op))], ["same"]);
        await run("a refresh", driver.refresh());

        const held = emulator.service.get(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${galleryName}/scripts/setup/versions/1.0.0`) as {
            properties: { publishingProfile: { source: { scriptLink: string } } };
        };
        // As Azure does (GalleryScriptVersion_Create.json), the emulator answers with the link without its token.
        assert.strictEqual(held.properties.publishingProfile.source.scriptLink, link(SAS_CANARY.renewed).split("?")[0]);

        // In the checkpoint the link is encrypted, in the inputs and in the outputs that echo it.
        const version = driver.checkpoint().find((r) => r.urn.endsWith("::version"))!;
        for (const props of [version.inputs, version.outputs]) assert.ok(JSON.stringify(props.properties).includes("ciphertext"), JSON.stringify(props.properties).slice(0, 200));

        await run("the destroy", driver.destroy());
        for (const [when, text] of views) assertNoSas(text, when);
    });
});
