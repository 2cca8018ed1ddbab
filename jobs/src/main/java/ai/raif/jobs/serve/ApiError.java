package ai.raif.jobs.serve;

/** A request the server answers with an OpenAI-style error body: {@code {"error": {message, type, param, code}}}. */
final class ApiError extends RuntimeException {
  final int status;
  final String type;
  final String param;

  ApiError(int status, String type, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
  }

  /** HTTP 400, {@code invalid_request_error}, naming the offending field (null when none). */
  static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", param, message);
  }
}
