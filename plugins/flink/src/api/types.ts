/** The wire types of /api/flink live in pipeline-common (one model for backend and frontend). */
export type {
  FlinkJobState,
  BackpressureLevel,
  BackpressureReading,
  CheckpointFigure,
  FlinkJobSummary,
  FlinkJobSummaryResponse,
  FlinkVertexHealth,
  FlinkExceptionEntry,
  FlinkJobDetails,
  FlinkJobDetailsResponse,
  FleetEntityRef,
  FleetJob,
  FlinkFleetResponse,
  FlinkJobActionResponse,
} from '@internal/backstage-plugin-pipeline-common';
