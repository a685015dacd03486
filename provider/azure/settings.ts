/**
 * Where the provider finds its Azure settings, first hit wins: the resource's own inputs, then stack
 * config (this package's namespace, then azure-native's, which many stacks already set), then the
 * environment (the variables the Azure CLI, Terraform and azure-native read). Nothing here is ever
 * written to state; secrets are read when a call needs them.
 */
import { CONFIG_NAMESPACE, ConfigLookup, first, stackConfig, trueOrFalse } from "../config";
import { Login, SettingSource, resolveLogin } from "./credentials";

export interface AzureSettings {
    subscriptionId?: string;
    /** Resource Manager endpoint; the cloud's default when absent. */
    endpoint?: string;
    /** Token audience for that endpoint, e.g. https://management.usgovcloudapi.net. */
    audience?: string;
    /** A bearer token to use as it is, for pipelines that already hold one. */
    accessToken?: string;
    /** How to log in without such a token (credentials.ts); read only when a client is built. */
    login: () => Login;
    /** Microsoft Entra ID's login host for the cloud, e.g. https://login.microsoftonline.us. */
    authorityHost: string;
    /** Skip @azure/identity's check of the authority host against login.microsoftonline.com (private clouds). */
    disableInstanceDiscovery: boolean;
    /** Seconds between progress reports while waiting for replication (default 10). */
    progressIntervalSeconds?: number;
    /** Seconds between the SDK's polls of an operation Azure accepted without a Retry-After (the SDK's 2 s by default). */
    pollIntervalSeconds?: number;
    /** Retries of a throttled (429, honouring Retry-After) or failed (5xx, dropped) request. */
    maxRetries: number;
}

/**
 * The SDK retries 3 times by default; a pipeline publishing many versions meets sustained throttling
 * (ARM's per-subscription limits), so the provider allows more, each bounded by Retry-After or an
 * exponential delay of at most a minute.
 */
const DEFAULT_MAX_RETRIES = 10;

/**
 * Sovereign clouds by the names azure-native's `environment` setting uses, each with its Resource
 * Manager endpoint and its Microsoft Entra ID login host (the values of @azure/identity's
 * AzureAuthorityHosts, written out so that reading settings does not load @azure/identity).
 */
const PUBLIC_AUTHORITY = "https://login.microsoftonline.com";

const CLOUDS: Record<string, { endpoint: string; audience: string; authorityHost: string }> = {
    public: { endpoint: "https://management.azure.com", audience: "https://management.azure.com", authorityHost: PUBLIC_AUTHORITY },
    usgovernment: { endpoint: "https://management.usgovcloudapi.net", audience: "https://management.usgovcloudapi.net", authorityHost: "https://login.microsoftonline.us" },
    china: { endpoint: "https://management.chinacloudapi.cn", audience: "https://management.chinacloudapi.cn", authorityHost: "https://login.chinacloudapi.cn" },
};

/** Settings spelled as azure-native spells them: its config key (in either namespace), then environment variables. */
function settingSource(env: NodeJS.ProcessEnv, config: ConfigLookup): SettingSource {
    const names = (key: string, ...envNames: string[]) => [`${CONFIG_NAMESPACE}:${key}`, `azure-native:${key}`, ...envNames].join(", ");
    const value = (key: string, ...envNames: string[]) =>
        first(config(`${CONFIG_NAMESPACE}:${key}`), config(`azure-native:${key}`), ...envNames.map((n) => env[n]));
    const flag = (key: string, ...envNames: string[]) => trueOrFalse(value(key, ...envNames), names(key, ...envNames)) === true;
    return { value, flag, names };
}

/**
 * `config` is where stack config comes from: in the provider host, what configure() handed over; in a
 * program (the functions in functions/), Pulumi's own config of the program's stack; in the command
 * line tool, nothing.
 */
export function resolveSettings(explicit: { subscriptionId?: unknown } = {}, env: NodeJS.ProcessEnv = process.env, config: ConfigLookup = stackConfig): AzureSettings {
    const source = settingSource(env, config);
    const cloudName = source.value("environment", "ARM_ENVIRONMENT", "AZURE_ENVIRONMENT")?.toLowerCase();
    const cloud = cloudName ? CLOUDS[cloudName] : undefined;
    if (cloudName && !cloud) {
        throw new Error(`Unknown Azure environment "${cloudName}"; use one of ${Object.keys(CLOUDS).join(", ")}, or set ${CONFIG_NAMESPACE}:endpoint.`);
    }
    const endpoint = first(config(`${CONFIG_NAMESPACE}:endpoint`), env.ARM_ENDPOINT, cloud?.endpoint);
    const interval = first(config(`${CONFIG_NAMESPACE}:progressIntervalSeconds`), env.AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS);
    const poll = first(config(`${CONFIG_NAMESPACE}:pollIntervalSeconds`), env.AZURE_GALLERY_POLL_INTERVAL_SECONDS);
    if (poll !== undefined && !(Number(poll) > 0)) throw new Error(`${CONFIG_NAMESPACE}:pollIntervalSeconds must be a positive number of seconds, not "${poll}"`);
    const retries = first(config(`${CONFIG_NAMESPACE}:maxRetries`), env.AZURE_GALLERY_MAX_RETRIES);
    if (retries !== undefined && !/^\d+$/.test(retries)) throw new Error(`${CONFIG_NAMESPACE}:maxRetries must be a whole number of retries, not "${retries}"`);
    return {
        subscriptionId: first(typeof explicit.subscriptionId === "string" ? explicit.subscriptionId : undefined, source.value("subscriptionId", "ARM_SUBSCRIPTION_ID", "AZURE_SUBSCRIPTION_ID")),
        endpoint,
        audience: first(config(`${CONFIG_NAMESPACE}:audience`), env.ARM_AUDIENCE, cloud?.audience, endpoint),
        accessToken: first(config(`${CONFIG_NAMESPACE}:accessToken`), env.ARM_ACCESS_TOKEN),
        login: () => resolveLogin(source),
        // A private cloud's login host: azure-native's activeDirectoryAuthorityHost / ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST
        // (auth_azidentity.go, getCloud), then @azure/identity's own AZURE_AUTHORITY_HOST.
        authorityHost: source.value("activeDirectoryAuthorityHost", "ARM_ACTIVE_DIRECTORY_AUTHORITY_HOST", "AZURE_AUTHORITY_HOST") ?? cloud?.authorityHost ?? PUBLIC_AUTHORITY,
        // azure-native's disableInstanceDiscovery / ARM_DISABLE_INSTANCE_DISCOVERY (auth_azidentity.go, readAuthConfig).
        disableInstanceDiscovery: source.flag("disableInstanceDiscovery", "ARM_DISABLE_INSTANCE_DISCOVERY"),
        progressIntervalSeconds: interval === undefined ? undefined : Number(interval),
        pollIntervalSeconds: poll === undefined ? undefined : Number(poll),
        maxRetries: retries === undefined ? DEFAULT_MAX_RETRIES : Number(retries),
    };
}
