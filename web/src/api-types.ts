/**
 * Types of the SigmaSight API, generated from its OpenAPI document (GET /api/v1/openapi.json) by
 * openapi-typescript. Do not edit: run `npm run api:types` after changing a route's schema.
 * test/http/api-types.test.ts fails while this file differs from what the server publishes.
 */
export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers and its schema is current */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready" | "not_ready";
                            database: string;
                            reason?: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready" | "not_ready";
                            database: string;
                            reason?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Engine, schema and data counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: string;
                            /** @enum {string} */
                            engine: "pglite" | "postgres";
                            migrations: {
                                applied: number;
                                pending: number;
                                changed: number;
                            };
                            batch: {
                                running: {
                                    kind: string;
                                    note: string;
                                    done: number;
                                    total: number;
                                    current: string | null;
                                    startedAt: string;
                                } | null;
                                lastRun: {
                                    kind: string;
                                    status: string;
                                    note: string;
                                    error: string | null;
                                    finishedAt: string | null;
                                } | null;
                                results: {
                                    portfolios: number;
                                    latestDate: string | null;
                                    days: number;
                                };
                            } | null;
                            freshness: {
                                expectedDate: string;
                                prices: {
                                    latestDate: string | null;
                                    expectedDate: string;
                                    tradingDaysBehind: number | null;
                                    /** @enum {string} */
                                    level: "ok" | "warning" | "critical" | "historical";
                                };
                                factors: {
                                    latestDate: string | null;
                                    expectedDate: string;
                                    tradingDaysBehind: number | null;
                                    /** @enum {string} */
                                    level: "ok" | "warning" | "critical" | "historical";
                                };
                                /** @enum {string} */
                                level: "ok" | "warning" | "critical" | "historical";
                                historical: {
                                    endDate: string;
                                    description: string | null;
                                } | null;
                            } | null;
                            /** @description whether POST /api/v1/auth/register creates accounts (REGISTRATION_ENABLED) */
                            registrationEnabled: boolean;
                            demoAccounts: {
                                username: string;
                                portfolios: {
                                    name: string;
                                    description: string | null;
                                    positions: number;
                                }[];
                            }[];
                            data: {
                                users: number;
                                demoUsers: number;
                                portfolios: number;
                                positions: number;
                                symbols: number;
                                prices: {
                                    bars: number;
                                    symbols: number;
                                    firstDate: string | null;
                                    lastDate: string | null;
                                    synthetic: boolean;
                                    sources: {
                                        dataSource: string;
                                        synthetic: boolean;
                                        symbols: number;
                                        bars: number;
                                        firstDate: string;
                                        lastDate: string;
                                    }[];
                                };
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The batch run in progress and the last finished
         * @description The part of /api/v1/system/status that changes while the batch runs, read cheaply: the dashboard follows a run with it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            running: {
                                kind: string;
                                note: string;
                                done: number;
                                total: number;
                                current: string | null;
                                startedAt: string;
                            } | null;
                            lastRun: {
                                kind: string;
                                status: string;
                                note: string;
                                error: string | null;
                                finishedAt: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        username: string;
                        password: string;
                        full_name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            username: string;
                            full_name: string | null;
                            /** @enum {string} */
                            role: "user" | "admin";
                            is_demo: boolean;
                            created_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a username or email and password for a bearer token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username?: string;
                        email?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            /** @enum {string} */
                            token_type: "bearer";
                            expires_in: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account of the bearer token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            username: string;
                            full_name: string | null;
                            /** @enum {string} */
                            role: "user" | "admin";
                            is_demo: boolean;
                            created_at: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your portfolios */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                description: string | null;
                                currency: string;
                                equity_balance: number | null;
                                positions: number;
                                /** @description stored results from this day on are stale (a later cash flow or equity change) and being recomputed */
                                recompute_from: string | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a portfolio */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string | null;
                        currency?: string;
                        equity_balance?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            currency: string;
                            equity_balance: number | null;
                            positions: number;
                            /** @description stored results from this day on are stale (a later cash flow or equity change) and being recomputed */
                            recompute_from: string | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your portfolios */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            currency: string;
                            equity_balance: number | null;
                            positions: number;
                            /** @description stored results from this day on are stale (a later cash flow or equity change) and being recomputed */
                            recompute_from: string | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a portfolio (soft) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or change a portfolio */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        currency?: string;
                        equity_balance?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            description: string | null;
                            currency: string;
                            equity_balance: number | null;
                            positions: number;
                            /** @description stored results from this day on are stale (a later cash flow or equity change) and being recomputed */
                            recompute_from: string | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/portfolios/{id}/cash-flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deposits and withdrawals, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                flow_date: string;
                                amount: number;
                                description: string | null;
                                created_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a deposit (amount > 0) or withdrawal (amount < 0)
         * @description Equity rolls forward as previous equity + P&L + the day's flows. A flow dated on or before a stored day makes the results from there stale: they are recomputed in the background, and recompute_from says from which day.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flow_date: string;
                        amount: number;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            flow_date: string;
                            amount: number;
                            description: string | null;
                            created_at: string;
                            recompute_from: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/cash-flows/{flowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a mistaken cash flow (its days are recomputed) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The positions of a portfolio (open and closed; open_only=true for open ones) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    open_only?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                symbol: string;
                                /** @enum {string} */
                                position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                                quantity: number;
                                /** @enum {string} */
                                investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: ("CALL" | "PUT") | null;
                                entry_price: number;
                                entry_date: string;
                                exit_price: number | null;
                                exit_date: string | null;
                                last_price: number | null;
                                market_value: number | null;
                                unrealized_pnl: number | null;
                                unrealized_pnl_pct: number | null;
                                notes: string | null;
                                tags: string[];
                                sector: string | null;
                                industry: string | null;
                                /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                                greeks: {
                                    as_of: string;
                                    delta: number;
                                    gamma: number;
                                    theta: number;
                                    vega: number;
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    implied_volatility: number | null;
                                    estimated: boolean;
                                } | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a position (an OCC symbol or the four option fields make it an option) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        symbol?: string;
                        /** @enum {string} */
                        position_type?: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                        quantity?: number;
                        entry_price?: number;
                        entry_date?: string;
                        exit_price?: number | null;
                        exit_date?: string | null;
                        /** @enum {string} */
                        investment_class?: "PUBLIC" | "OPTIONS" | "PRIVATE";
                        underlying_symbol?: string | null;
                        strike_price?: number | null;
                        expiration_date?: string | null;
                        option_type?: ("CALL" | "PUT") | null;
                        notes?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            symbol: string;
                            /** @enum {string} */
                            position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity: number;
                            /** @enum {string} */
                            investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol: string | null;
                            strike_price: number | null;
                            expiration_date: string | null;
                            option_type: ("CALL" | "PUT") | null;
                            entry_price: number;
                            entry_date: string;
                            exit_price: number | null;
                            exit_date: string | null;
                            last_price: number | null;
                            market_value: number | null;
                            unrealized_pnl: number | null;
                            unrealized_pnl_pct: number | null;
                            notes: string | null;
                            tags: string[];
                            sector: string | null;
                            industry: string | null;
                            /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                            greeks: {
                                as_of: string;
                                delta: number;
                                gamma: number;
                                theta: number;
                                vega: number;
                                delta_dollars: number;
                                gamma_dollars_per_1pct: number;
                                theta_per_day: number;
                                vega_per_vol_point: number;
                                implied_volatility: number | null;
                                estimated: boolean;
                            } | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/positions/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add up to 1,000 positions, all or nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        positions: {
                            symbol?: string;
                            /** @enum {string} */
                            position_type?: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity?: number;
                            entry_price?: number;
                            entry_date?: string;
                            exit_price?: number | null;
                            exit_date?: string | null;
                            /** @enum {string} */
                            investment_class?: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol?: string | null;
                            strike_price?: number | null;
                            expiration_date?: string | null;
                            option_type?: ("CALL" | "PUT") | null;
                            notes?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                symbol: string;
                                /** @enum {string} */
                                position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                                quantity: number;
                                /** @enum {string} */
                                investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: ("CALL" | "PUT") | null;
                                entry_price: number;
                                entry_date: string;
                                exit_price: number | null;
                                exit_date: string | null;
                                last_price: number | null;
                                market_value: number | null;
                                unrealized_pnl: number | null;
                                unrealized_pnl_pct: number | null;
                                notes: string | null;
                                tags: string[];
                                sector: string | null;
                                industry: string | null;
                                /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                                greeks: {
                                    as_of: string;
                                    delta: number;
                                    gamma: number;
                                    theta: number;
                                    vega: number;
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    implied_volatility: number | null;
                                    estimated: boolean;
                                } | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/positions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import positions from a CSV file (text/csv body, or multipart field "file"), all or nothing; ?dry_run=true checks only */
        post: {
            parameters: {
                query?: {
                    dry_run?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dry_run: boolean;
                            imported: number;
                            valid_rows: number;
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                symbol: string;
                                /** @enum {string} */
                                position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                                quantity: number;
                                /** @enum {string} */
                                investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: ("CALL" | "PUT") | null;
                                entry_price: number;
                                entry_date: string;
                                exit_price: number | null;
                                exit_date: string | null;
                                last_price: number | null;
                                market_value: number | null;
                                unrealized_pnl: number | null;
                                unrealized_pnl_pct: number | null;
                                notes: string | null;
                                tags: string[];
                                sector: string | null;
                                industry: string | null;
                                /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                                greeks: {
                                    as_of: string;
                                    delta: number;
                                    gamma: number;
                                    theta: number;
                                    vega: number;
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    implied_volatility: number | null;
                                    estimated: boolean;
                                } | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dry_run: boolean;
                            imported: number;
                            valid_rows: number;
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                symbol: string;
                                /** @enum {string} */
                                position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                                quantity: number;
                                /** @enum {string} */
                                investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: ("CALL" | "PUT") | null;
                                entry_price: number;
                                entry_date: string;
                                exit_price: number | null;
                                exit_date: string | null;
                                last_price: number | null;
                                market_value: number | null;
                                unrealized_pnl: number | null;
                                unrealized_pnl_pct: number | null;
                                notes: string | null;
                                tags: string[];
                                sector: string | null;
                                industry: string | null;
                                /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                                greeks: {
                                    as_of: string;
                                    delta: number;
                                    gamma: number;
                                    theta: number;
                                    vega: number;
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    implied_volatility: number | null;
                                    estimated: boolean;
                                } | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/import-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CSV template: ?format=simple (ticker,quantity,entry_price,entry_date,tags) or full (the 12 columns) */
        get: {
            parameters: {
                query?: {
                    format?: "simple" | "full";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your positions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            symbol: string;
                            /** @enum {string} */
                            position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity: number;
                            /** @enum {string} */
                            investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol: string | null;
                            strike_price: number | null;
                            expiration_date: string | null;
                            option_type: ("CALL" | "PUT") | null;
                            entry_price: number;
                            entry_date: string;
                            exit_price: number | null;
                            exit_date: string | null;
                            last_price: number | null;
                            market_value: number | null;
                            unrealized_pnl: number | null;
                            unrealized_pnl_pct: number | null;
                            notes: string | null;
                            tags: string[];
                            sector: string | null;
                            industry: string | null;
                            /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                            greeks: {
                                as_of: string;
                                delta: number;
                                gamma: number;
                                theta: number;
                                vega: number;
                                delta_dollars: number;
                                gamma_dollars_per_1pct: number;
                                theta_per_day: number;
                                vega_per_vol_point: number;
                                implied_volatility: number | null;
                                estimated: boolean;
                            } | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a position (soft) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a position (checked as a whole) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        symbol?: string;
                        /** @enum {string} */
                        position_type?: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                        quantity?: number;
                        entry_price?: number;
                        entry_date?: string;
                        exit_price?: number | null;
                        exit_date?: string | null;
                        /** @enum {string} */
                        investment_class?: "PUBLIC" | "OPTIONS" | "PRIVATE";
                        underlying_symbol?: string | null;
                        strike_price?: number | null;
                        expiration_date?: string | null;
                        option_type?: ("CALL" | "PUT") | null;
                        notes?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            symbol: string;
                            /** @enum {string} */
                            position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity: number;
                            /** @enum {string} */
                            investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol: string | null;
                            strike_price: number | null;
                            expiration_date: string | null;
                            option_type: ("CALL" | "PUT") | null;
                            entry_price: number;
                            entry_date: string;
                            exit_price: number | null;
                            exit_date: string | null;
                            last_price: number | null;
                            market_value: number | null;
                            unrealized_pnl: number | null;
                            unrealized_pnl_pct: number | null;
                            notes: string | null;
                            tags: string[];
                            sector: string | null;
                            industry: string | null;
                            /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                            greeks: {
                                as_of: string;
                                delta: number;
                                gamma: number;
                                theta: number;
                                vega: number;
                                delta_dollars: number;
                                gamma_dollars_per_1pct: number;
                                theta_per_day: number;
                                vega_per_vol_point: number;
                                implied_volatility: number | null;
                                estimated: boolean;
                            } | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/positions/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a position at an exit price and date (realized P&L) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        exit_price: number;
                        exit_date: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            symbol: string;
                            /** @enum {string} */
                            position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity: number;
                            /** @enum {string} */
                            investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol: string | null;
                            strike_price: number | null;
                            expiration_date: string | null;
                            option_type: ("CALL" | "PUT") | null;
                            entry_price: number;
                            entry_date: string;
                            exit_price: number | null;
                            exit_date: string | null;
                            last_price: number | null;
                            market_value: number | null;
                            unrealized_pnl: number | null;
                            unrealized_pnl_pct: number | null;
                            notes: string | null;
                            tags: string[];
                            sector: string | null;
                            industry: string | null;
                            /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                            greeks: {
                                as_of: string;
                                delta: number;
                                gamma: number;
                                theta: number;
                                vega: number;
                                delta_dollars: number;
                                gamma_dollars_per_1pct: number;
                                theta_per_day: number;
                                vega_per_vol_point: number;
                                implied_volatility: number | null;
                                estimated: boolean;
                            } | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Value, P&L, exposures, beta, volatility and VaR on the latest computed day (or date) */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            currency: string;
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            positions: number | null;
                            value: {
                                equity: number | null;
                                market_value: number;
                                cash: number;
                            } | null;
                            pnl: {
                                daily: number | null;
                                daily_return: number | null;
                                total: number | null;
                                cumulative: number | null;
                                realized: number | null;
                                unrealized: number | null;
                                cash_flows: number | null;
                                time_weighted_return: number | null;
                            } | null;
                            exposures: {
                                long: number;
                                short: number;
                                gross: number;
                                net: number;
                                delta_adjusted: number | null;
                            } | null;
                            risk: {
                                beta: {
                                    value: number | null;
                                    method: string;
                                };
                                volatility: {
                                    daily: number | null;
                                    annualized: number | null;
                                    method: string;
                                };
                                sharpe: number | null;
                                sortino: number | null;
                                max_drawdown: number | null;
                                average_correlation: number | null;
                                diversification_score: number | null;
                                var: {
                                    value: number;
                                    cvar: number | null;
                                    method: ("historical" | "gaussian" | "modified" | "monte_carlo") | null;
                                    confidence: number | null;
                                    horizon_days: number | null;
                                } | null;
                            } | null;
                            greeks: {
                                delta_dollars: number | null;
                                gamma_dollars_per_1pct: number | null;
                                theta_per_day: number | null;
                                vega_per_vol_point: number | null;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** VaR and CVaR by method, confidence and horizon; component VaR per position */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            volatility: {
                                daily: number | null;
                                annualized: number | null;
                                sharpe: number | null;
                                sortino: number | null;
                                max_drawdown: number | null;
                            } | null;
                            var: {
                                /** @enum {string} */
                                method: "historical" | "gaussian" | "modified" | "monte_carlo";
                                confidence: number;
                                horizon_days: number;
                                var: number;
                                cvar: number;
                                var_return: number;
                                cvar_return: number;
                                portfolio_value: number;
                                sample_size: number;
                            }[];
                            component_var: {
                                method: string;
                                confidence: number;
                                horizon_days: number;
                                positions: {
                                    /** Format: uuid */
                                    position_id: string;
                                    symbol: string;
                                    component_var: number | null;
                                    component_cvar: number | null;
                                    marginal_var: number | null;
                                    percent_of_var: number | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/stress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stress scenarios: direct and correlated P&L, per factor and per position */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            scenarios: {
                                /** Format: uuid */
                                scenario_id: string;
                                name: string;
                                type: string;
                                portfolio_value: number;
                                direct_pnl: number;
                                correlated_pnl: number;
                                direct_return: number | null;
                                correlated_return: number | null;
                                factors: {
                                    factor: string;
                                    shock: number | null;
                                    correlated_shock: number | null;
                                    direct_pnl: number | null;
                                    correlated_pnl: number | null;
                                }[];
                                positions: {
                                    /** Format: uuid */
                                    position_id: string;
                                    symbol: string;
                                    direct_pnl: number | null;
                                    correlated_pnl: number | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/stress/custom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * P&L of a custom stress scenario (factor shocks, a spot move, a vol move) on the stored day, as the stored scenarios are computed
         * @description Computed on the request from the stored results of the snapshot day (the latest, or `date`): the open positions, their closes and stored option volatilities, the symbol batch's single-factor betas (market, interest_rate, oil) and the stored factor covariance. Units: shocks are decimals (0.10 = +10% factor return; spot_shock is a return added to every underlying's factor-implied move; vol_shock 0.05 = +5 vol points); money in dollars, rounded to cents. Direct P&L = the given shocks only (stocks: delta dollars x move; options revalued in full with Black-Scholes-Merton); correlated P&L moves the factors not given by E[f_o | f_s = s] = S_os S_ss^-1 s. Given exactly a stored scenario's factor shocks it answers that scenario's stored direct and correlated P&L.
         */
        post: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description factor returns as decimals by factor name (0.10 = +10%); interest_rate is the return of its bond-ETF proxy (-duration x yield change). Factors not given follow the given ones in the correlated P&L; a factor given as 0 is held at 0. */
                        factor_shocks: {
                            market?: number;
                            interest_rate?: number;
                            oil?: number;
                        };
                        /** @description a return (decimal) added to the factor-implied move of every underlying; default 0 */
                        spot_shock?: number;
                        /** @description absolute change of every option's volatility, decimal: 0.05 = +5 vol points; default 0 */
                        vol_shock?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            portfolio_value: number | null;
                            shocks: {
                                factor_shocks: {
                                    [key: string]: number;
                                };
                                spot_shock: number;
                                vol_shock: number;
                            };
                            /** @description dollars, only the given factor shocks (plus the spot and vol moves) */
                            direct_pnl: number | null;
                            /** @description dollars, the other factors at their conditional expectation; null without a stored factor covariance */
                            correlated_pnl: number | null;
                            direct_return: number | null;
                            correlated_return: number | null;
                            /** @description total minus first-order P&L: the options' gamma, vega and higher-order terms */
                            nonlinear_pnl: {
                                direct: number;
                                correlated: number | null;
                            } | null;
                            factors: {
                                factor: string;
                                display_name: string;
                                /** @description modified duration of a rate factor's proxy, years */
                                duration: number | null;
                                shock: number;
                                correlated_shock: number | null;
                                direct_pnl: number | null;
                                correlated_pnl: number | null;
                            }[];
                            positions: {
                                /** Format: uuid */
                                position_id: string;
                                symbol: string;
                                direct_pnl: number;
                                correlated_pnl: number | null;
                            }[];
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/factor-exposures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Factor exposures of the portfolio and of each position, in beta and dollars */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            portfolio: {
                                factor: string;
                                beta: number;
                                dollars: number;
                                variance_contribution: number | null;
                            }[];
                            positions: {
                                /** Format: uuid */
                                position_id: string;
                                symbol: string;
                                exposures: {
                                    factor: string;
                                    beta: number | null;
                                    dollars: number | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/correlations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Correlations between the open positions, and the diversification score */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            observations: number | null;
                            average: number | null;
                            diversification_score: number | null;
                            positions: {
                                /** Format: uuid */
                                position_id: string;
                                symbol: string;
                            }[];
                            matrix: (number | null)[][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/exposures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Exposures by sector, industry, tag, type and underlying; concentration; Greeks by underlying */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string | null;
                            provenance: {
                                inputs_date: string | null;
                                synthetic: boolean;
                                stale: boolean;
                                risk_free_rate: number | null;
                                history_observations: number | null;
                            } | null;
                            by: {
                                [key: string]: {
                                    key: string;
                                    positions: number;
                                    long: number | null;
                                    short: number | null;
                                    gross: number | null;
                                    net: number | null;
                                    deltaLong: number | null;
                                    deltaShort: number | null;
                                    deltaGross: number | null;
                                    deltaNet: number | null;
                                }[];
                            } | null;
                            concentration: {
                                [key: string]: unknown;
                            } | null;
                            greeks_by_underlying: {
                                [key: string]: unknown;
                            }[];
                            short_squeeze: {
                                [key: string]: unknown;
                            }[];
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily snapshots over a date range (at most 5,000) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                date: string;
                                equity: number | null;
                                market_value: number;
                                daily_pnl: number | null;
                                daily_return: number | null;
                                total_pnl: number | null;
                                time_weighted_return: number | null;
                                gross: number;
                                net: number;
                                beta: number | null;
                                var: number | null;
                                var_method: ("historical" | "gaussian" | "modified" | "monte_carlo") | null;
                                var_confidence: number | null;
                                var_horizon_days: number | null;
                                synthetic: boolean;
                                stale: boolean;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your tags, with how many live positions carry each */
        get: {
            parameters: {
                query?: {
                    tag_type?: "REGULAR" | "STRATEGY";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                tag_type: "REGULAR" | "STRATEGY";
                                color: string;
                                description: string | null;
                                usage_count: number;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a tag */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        tag_type?: "REGULAR" | "STRATEGY";
                        color?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            tag_type: "REGULAR" | "STRATEGY";
                            color: string;
                            description: string | null;
                            usage_count: number;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your tags */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            tag_type: "REGULAR" | "STRATEGY";
                            color: string;
                            description: string | null;
                            usage_count: number;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a tag (soft); its positions lose it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or recolor a tag */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        tag_type?: "REGULAR" | "STRATEGY";
                        color?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            tag_type: "REGULAR" | "STRATEGY";
                            color: string;
                            description: string | null;
                            usage_count: number;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tags/{id}/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your positions carrying a tag */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                symbol: string;
                                /** @enum {string} */
                                position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                                quantity: number;
                                /** @enum {string} */
                                investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: ("CALL" | "PUT") | null;
                                entry_price: number;
                                entry_date: string;
                                exit_price: number | null;
                                exit_date: string | null;
                                last_price: number | null;
                                market_value: number | null;
                                unrealized_pnl: number | null;
                                unrealized_pnl_pct: number | null;
                                notes: string | null;
                                tags: string[];
                                sector: string | null;
                                industry: string | null;
                                /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                                greeks: {
                                    as_of: string;
                                    delta: number;
                                    gamma: number;
                                    theta: number;
                                    vega: number;
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    implied_volatility: number | null;
                                    estimated: boolean;
                                } | null;
                                created_at: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put tags on a position */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tag_ids: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            symbol: string;
                            /** @enum {string} */
                            position_type: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
                            quantity: number;
                            /** @enum {string} */
                            investment_class: "PUBLIC" | "OPTIONS" | "PRIVATE";
                            underlying_symbol: string | null;
                            strike_price: number | null;
                            expiration_date: string | null;
                            option_type: ("CALL" | "PUT") | null;
                            entry_price: number;
                            entry_date: string;
                            exit_price: number | null;
                            exit_date: string | null;
                            last_price: number | null;
                            market_value: number | null;
                            unrealized_pnl: number | null;
                            unrealized_pnl_pct: number | null;
                            notes: string | null;
                            tags: string[];
                            sector: string | null;
                            industry: string | null;
                            /** @description the batch's Greeks on its latest computed day (options: stored per position; stocks: delta 1, delta dollars = market value) */
                            greeks: {
                                as_of: string;
                                delta: number;
                                gamma: number;
                                theta: number;
                                vega: number;
                                delta_dollars: number;
                                gamma_dollars_per_1pct: number;
                                theta_per_day: number;
                                vega_per_vol_point: number;
                                implied_volatility: number | null;
                                estimated: boolean;
                            } | null;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a tag off a position */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tagId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a what-if session on the portfolio as it stands on its latest computed day */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your what-if sessions, newest first */
        get: {
            parameters: {
                query?: {
                    portfolio_id?: string;
                    status?: "active" | "completed" | "cancelled";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                portfolio_id: string;
                                name: string;
                                status: string;
                                as_of: string | null;
                                trades: number;
                                created_at: string;
                                updated_at: string;
                                completed_at: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session: its trades and the risk before, after and the difference */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Name, describe (save) a session */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}/trades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a trade (a stock or ETF long or short, an option by OCC symbol or fields, or the close of a position)
         * @description Refused (422) when the symbol has no stored prices on or before the session day. Answers the session with the new "after".
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ticker, or an OCC option symbol */
                        symbol?: string;
                        /** @description signed: > 0 buys, < 0 sells (shares, or contracts) */
                        quantity?: number;
                        /** @description default: the session day's close (a limit order in the FIX export when given) */
                        price?: number;
                        underlying_symbol?: string;
                        strike_price?: number;
                        expiration_date?: string;
                        /** @enum {string} */
                        option_type?: "CALL" | "PUT";
                        /** @description close this position of the book instead (whole, at price or the close) */
                        close_position_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}/trades/{tradeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a trade */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                    tradeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Resize or reprice a trade */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                    tradeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quantity?: number;
                        price?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a session; with apply, create and close its positions in one transaction (the refresh follows) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        apply?: boolean;
                        /** @description entry date of the applied positions (default: the session's day, whose close priced them; a later day enters them from that day on) */
                        entry_date?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                            applied: {
                                created_position_ids: string[];
                                closed_position_ids: string[];
                                entry_date: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            portfolio_id: string;
                            name: string;
                            description: string | null;
                            status: string;
                            as_of: string | null;
                            trades: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                quantity: number;
                                price: number;
                                price_given: boolean;
                                position_type: string;
                                underlying_symbol: string | null;
                                strike_price: number | null;
                                expiration_date: string | null;
                                option_type: string | null;
                                close_position_id: string | null;
                                created_at: string;
                            }[];
                            before: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            after: {
                                as_of: string;
                                equity: number;
                                market_value: number;
                                cash: number;
                                total_pnl: number;
                                exposures: {
                                    long: number;
                                    short: number;
                                    gross: number;
                                    net: number;
                                    delta_adjusted: number;
                                    positions: number;
                                };
                                exposures_by_sector: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                exposures_by_tag: {
                                    [key: string]: {
                                        long: number;
                                        short: number;
                                        gross: number;
                                        net: number;
                                        delta_adjusted: number;
                                        positions: number;
                                    };
                                };
                                beta: number | null;
                                factor_exposures: {
                                    [key: string]: {
                                        beta: number;
                                        dollars: number;
                                    };
                                };
                                greeks: {
                                    delta_dollars: number;
                                    gamma_dollars_per_1pct: number;
                                    theta_per_day: number;
                                    vega_per_vol_point: number;
                                    rho_per_rate_point: number;
                                };
                                greeks_by_underlying: {
                                    [key: string]: {
                                        market_value: number;
                                        delta_dollars: number;
                                        gamma_dollars_per_1pct: number;
                                        theta_per_day: number;
                                        vega_per_vol_point: number;
                                    };
                                };
                                volatility_annualized: number | null;
                                /** @description keyed "method confidence horizon", e.g. "historical 0.95 1d"; positive dollar losses */
                                var: {
                                    [key: string]: {
                                        var: number;
                                        cvar: number;
                                    };
                                };
                                /** @description per position or trade id, 95% over 1 day */
                                component_var: {
                                    [key: string]: {
                                        symbol: string;
                                        component_var: number;
                                        percent_of_var: number;
                                    };
                                };
                                concentration: {
                                    hhi: number;
                                    effective_n: number;
                                    top5: number;
                                } | null;
                                stress: {
                                    [key: string]: {
                                        name: string;
                                        direct_pnl: number;
                                        correlated_pnl: number;
                                    };
                                };
                                positions: {
                                    [key: string]: {
                                        symbol: string;
                                        quantity: number;
                                        market_value: number;
                                        delta_dollars: number;
                                    };
                                };
                                warnings: string[];
                            };
                            /** @description after - before, in the same shape */
                            difference: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            updated_at: string;
                            completed_at: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/what-if/{sessionId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session's trades as FIX 4.4 NewOrderSingle messages (a .fix file) */
        get: {
            parameters: {
                query?: {
                    format?: "fix";
                };
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portfolios/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Positions (re-importable CSV), snapshot history or the full risk report, as CSV or JSON */
        get: {
            parameters: {
                query: {
                    type: "positions" | "snapshots" | "risk";
                    format?: "csv" | "json";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/batch/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Batch runs, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    status?: "pending" | "running" | "completed" | "failed" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                type: string;
                                status: string;
                                locked_by: string | null;
                                attempts: number;
                                started_at: string | null;
                                completed_at: string | null;
                                heartbeat_at: string | null;
                                error: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                created_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Start a batch run now, as its schedule would
         * @description market_data_update: fetch and compute the last completed session (and missed days), then refresh every portfolio (on any day, unlike its schedule, which skips holidays); calculate_risk_metrics / create_daily_snapshot: refresh the portfolios without a snapshot of the last computed day. One run per kind at a time: while one waits or runs, its job is answered (queued: false). Follow it at /admin/jobs/{job_id}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "market_data_update" | "calculate_risk_metrics" | "create_daily_snapshot";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            job_id: string;
                            /** @enum {string} */
                            kind: "market_data_update" | "calculate_risk_metrics" | "create_daily_snapshot";
                            queued: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/batch/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One batch run and its audit log, step by step */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            type: string;
                            status: string;
                            started_at: string | null;
                            completed_at: string | null;
                            error: string | null;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            steps: {
                                /** Format: uuid */
                                id: string;
                                type: string;
                                date: string;
                                status: string;
                                started_at: string;
                                ended_at: string | null;
                                records: number | null;
                                error: string | null;
                                portfolio_id: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/batch/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest failed steps */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                type: string;
                                date: string;
                                status: string;
                                started_at: string;
                                ended_at: string | null;
                                records: number | null;
                                error: string | null;
                                portfolio_id: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Job queue: jobs per queue and state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                queue: string;
                                states: {
                                    [key: string]: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job of the batch queues: state, attempts, output, and the batch run it recorded */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            queue: string;
                            state: string;
                            data: {
                                [key: string]: unknown;
                            } | null;
                            output: unknown;
                            attempts: number;
                            retry_limit: number;
                            created_at: string;
                            started_at: string | null;
                            completed_at: string | null;
                            batch_run_id: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The symbol onboarding queue */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "pending" | "processing" | "completed" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                /** Format: uuid */
                                id: string;
                                symbol: string;
                                status: string;
                                priority: string;
                                attempts: number;
                                max_attempts: number;
                                error: string | null;
                                next_attempt_at: string | null;
                                locked_by: string | null;
                                created_at: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/symbols": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Symbols in error or failing (or of one status) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "pending" | "active" | "error" | "delisted";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                symbol: string;
                                status: string;
                                reason: string | null;
                                consecutive_failures: number;
                                asset_type: string;
                                last_price_date: string | null;
                                last_factor_date: string | null;
                                last_synced: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/freshness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How current the stored prices and factor betas are (as on the status page) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_REQUEST" | "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
                                message: string;
                                details?: {
                                    field?: string;
                                    row?: number;
                                    column?: string;
                                    code?: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
