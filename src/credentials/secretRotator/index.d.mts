// Types for index.mjs, the rotation Lambda's code (plain JavaScript so that it ships as is).

export interface RotationEvent {
    readonly SecretId: string;
    readonly ClientRequestToken: string;
    readonly Step: string;
}

/** The Secrets Manager calls the rotation uses, with the SDK's request and response shapes. */
export interface RotationApi {
    describeSecret(input: { SecretId: string }): Promise<{ RotationEnabled?: boolean; VersionIdsToStages?: Record<string, string[]> }>;
    getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }): Promise<{ SecretString?: string }>;
    getRandomPassword(input: { PasswordLength: number; ExcludePunctuation: boolean }): Promise<{ RandomPassword?: string }>;
    putSecretValue(input: { SecretId: string; ClientRequestToken: string; SecretString?: string; VersionStages: string[] }): Promise<unknown>;
    updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }): Promise<unknown>;
}

export const VALUE_LENGTH: number;
export function rotate(api: RotationApi, event: RotationEvent): Promise<void>;
export function handler(event: RotationEvent): Promise<void>;
