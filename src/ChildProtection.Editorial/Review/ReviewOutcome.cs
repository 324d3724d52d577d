namespace ChildProtection.Editorial.Review;

public enum ReviewFailure { None, NotFound, Forbidden, Invalid, Conflict }

/// <summary>How a workflow step went; on failure, a message in the reader's language and nothing changed.</summary>
public sealed record ReviewOutcome(ReviewFailure Failure, string Message)
{
    public bool Succeeded => Failure == ReviewFailure.None;

    public static ReviewOutcome Done(string message) => new(ReviewFailure.None, message);

    /// <summary>The HTTP status a page answers a failure with.</summary>
    public int StatusCode => Failure switch
    {
        ReviewFailure.NotFound => 404,
        ReviewFailure.Forbidden => 403,
        ReviewFailure.Conflict => 409,
        ReviewFailure.Invalid => 422,
        _ => 200,
    };
}
