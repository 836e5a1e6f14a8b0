/** A subset of `/limits`, in Salesforce's shape; `DailyApiRequests` counts this org's real calls. */
export function limits(apiRequestsUsed: number) {
  const max = 15_000
  return {
    ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - apiRequestsUsed) },
    DailyAsyncApexExecutions: { Max: 250_000, Remaining: 250_000 },
    DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
    DataStorageMB: { Max: 5, Remaining: 5 },
    FileStorageMB: { Max: 20, Remaining: 20 },
    HourlyODataCallout: { Max: 10_000, Remaining: 10_000 },
    SingleEmail: { Max: 15, Remaining: 15 },
  }
}
