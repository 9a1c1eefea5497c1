/** What the routes answer: the wire types live in pipeline-common, shared with the frontend. */
export type {
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
