using DaprShop.LocalSidecar.Resiliency;
using DaprShop.LocalSidecar.Resources;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.UnitTests;

public sealed class ResiliencyTests
{
    static CircuitCounts Counts(long requests = 0, long totalFailures = 0, long consecutiveFailures = 0, long totalSuccesses = 0, long consecutiveSuccesses = 0) =>
        new(requests, totalSuccesses, totalFailures, consecutiveSuccesses, consecutiveFailures);

    [Theory]
    [InlineData("consecutiveFailures >= 5", 5, true)]
    [InlineData("consecutiveFailures >= 5", 4, false)]
    [InlineData("consecutiveFailures > 5", 5, false)]
    [InlineData("consecutiveFailures == 3", 3, true)]
    [InlineData("consecutiveFailures != 3", 3, false)]
    [InlineData("consecutiveFailures < 2 || consecutiveFailures > 8", 9, true)]
    [InlineData("!(consecutiveFailures <= 3)", 4, true)]
    [InlineData("consecutiveFailures >= 2 && requests >= 10", 4, false)]
    public void A_trip_expression_evaluates_the_CEL_subset_over_the_counts(string text, long consecutiveFailures, bool trips) =>
        Assert.Equal(trips, TripExpression.Parse(text).ShouldTrip(Counts(requests: 5, consecutiveFailures: consecutiveFailures)));

    [Theory]
    [InlineData("unknownCount > 1")]   // daprd declares unknown names and then fails to evaluate them
    [InlineData("consecutiveFailures")] // not a boolean
    [InlineData("true && consecutiveFailures")]
    public void A_trip_expression_that_cannot_be_evaluated_does_not_trip(string text) =>
        Assert.False(TripExpression.Parse(text).ShouldTrip(Counts(consecutiveFailures: 100)));

    [Theory]
    [InlineData("consecutiveFailures >")]
    [InlineData("consecutiveFailures >= 5 &&")]
    [InlineData("(consecutiveFailures >= 5")]
    [InlineData("consecutiveFailures >= 'five'")]
    public void A_trip_expression_outside_the_subset_is_refused_when_loaded(string text) =>
        Assert.Throws<FormatException>(() => TripExpression.Parse(text));

    [Fact]
    public void A_breaker_without_a_trip_expression_uses_gobreakers_default_of_more_than_five_consecutive_failures()
    {
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 0, TimeSpan.Zero, TimeSpan.Zero, null), new FakeTimeProvider());

        for (var i = 0; i < 5; i++) breaker.Report(breaker.Admit(), success: false);
        var afterFive = breaker.State;
        breaker.Report(breaker.Admit(), success: false);

        Assert.Equal((CircuitState.Closed, CircuitState.Open), (afterFive, breaker.State));
    }

    [Fact]
    public void An_open_breaker_waits_60_seconds_by_default_then_half_opens_for_one_request()
    {
        var clock = new FakeTimeProvider();
        var changes = new List<string>();
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 0, TimeSpan.Zero, TimeSpan.Zero, TripExpression.Parse("consecutiveFailures >= 1")),
            clock, (from, to) => changes.Add($"{from}->{to}"));
        breaker.Report(breaker.Admit(), success: false);

        clock.Advance(TimeSpan.FromSeconds(60));
        var atSixty = Assert.Throws<CircuitBreakerRejectedException>(() => breaker.Admit()).Message;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var probe = breaker.Admit();
        var second = Assert.Throws<CircuitBreakerRejectedException>(() => breaker.Admit()).Message;
        breaker.Report(probe, success: true);

        Assert.Equal(CircuitBreaker.OpenMessage, atSixty);
        Assert.Equal(CircuitBreaker.TooManyRequestsMessage, second);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(["Closed->Open", "Open->HalfOpen", "HalfOpen->Closed"], changes);
    }

    [Fact]
    public void A_half_open_breaker_closes_only_after_max_requests_consecutive_successes()
    {
        var clock = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 2, TimeSpan.Zero, TimeSpan.FromSeconds(5), TripExpression.Parse("consecutiveFailures >= 1")), clock);
        breaker.Report(breaker.Admit(), success: false);
        clock.Advance(TimeSpan.FromSeconds(6));

        var first = breaker.Admit();
        var second = breaker.Admit();
        breaker.Report(first, success: true);
        var afterOne = breaker.State;
        breaker.Report(second, success: true);

        Assert.Equal((CircuitState.HalfOpen, CircuitState.Closed), (afterOne, breaker.State));
    }

    [Fact]
    public void The_outcome_of_a_call_admitted_before_a_state_change_is_ignored()
    {
        var clock = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 1, TimeSpan.Zero, TimeSpan.FromSeconds(5), TripExpression.Parse("consecutiveFailures >= 1")), clock);
        var slow = breaker.Admit();
        breaker.Report(breaker.Admit(), success: false); // opens
        clock.Advance(TimeSpan.FromSeconds(6));

        breaker.Report(slow, success: false); // from the closed generation: no effect on the half-open breaker

        Assert.Equal(CircuitState.HalfOpen, breaker.State);
    }

    [Fact]
    public void A_closed_breaker_with_an_interval_starts_counting_afresh_each_interval()
    {
        var clock = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TripExpression.Parse("totalFailures >= 3")), clock);
        breaker.Report(breaker.Admit(), success: false);
        breaker.Report(breaker.Admit(), success: false);

        clock.Advance(TimeSpan.FromSeconds(11));
        breaker.Report(breaker.Admit(), success: false);

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(Counts(requests: 1, totalFailures: 1, consecutiveFailures: 1), breaker.Counts);
    }

    [Fact]
    public void An_interval_clears_consecutive_failures_on_gobreakers_fixed_schedule_and_drops_outcomes_from_before_it()
    {
        // As gobreaker: the interval runs from the closed generation's start, not from the first failure; at exactly its
        // end the counts still stand (expiry.Before(now)); a call admitted before the clearing reports into nothing.
        var clock = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", new CircuitBreakerPolicy("p", 1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TripExpression.Parse("consecutiveFailures >= 4")), clock);
        clock.Advance(TimeSpan.FromSeconds(7));
        for (var i = 0; i < 3; i++) breaker.Report(breaker.Admit(), success: false);
        var late = breaker.Admit();

        clock.Advance(TimeSpan.FromSeconds(3));                 // exactly the interval's end: same generation
        var atTheEnd = breaker.Counts.ConsecutiveFailures;
        clock.Advance(TimeSpan.FromMilliseconds(1));            // past it: counted afresh
        breaker.Report(late, success: false);                   // admitted in the old generation: ignored
        for (var i = 0; i < 3; i++) breaker.Report(breaker.Admit(), success: false);
        var afterThreeMore = breaker.State;
        breaker.Report(breaker.Admit(), success: false);

        Assert.Equal(3, atTheEnd);
        Assert.Equal(CircuitState.Closed, afterThreeMore);
        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Theory]
    [InlineData("503", 503, true)]
    [InlineData("503", 500, false)]
    [InlineData("500-599,429", 429, true)]
    [InlineData("500-599,429", 404, false)]
    [InlineData("500-599,429", 599, true)]
    public void Status_code_patterns_match_codes_and_inclusive_ranges(string patterns, int code, bool matches) =>
        Assert.Equal(matches, StatusCodeRanges.Parse(patterns)!.Contains(code));

    [Theory]
    [InlineData("99")]
    [InlineData("500-600")]
    [InlineData("5xx")]
    [InlineData("500-550-599")]
    public void Status_code_patterns_outside_100_to_599_are_refused(string patterns) =>
        Assert.Throws<FormatException>(() => StatusCodeRanges.Parse(patterns));

    [Fact]
    public void An_app_target_names_its_policies_and_other_apps_fall_back_to_the_default_app_policies()
    {
        var spec = new ResiliencySpec();
        spec.Retries["quick"] = new RetryPolicy("quick", false, TimeSpan.FromMilliseconds(10), TimeSpan.Zero, 2);
        spec.Retries["DefaultRetryPolicy"] = new RetryPolicy("DefaultRetryPolicy", false, TimeSpan.FromSeconds(1), TimeSpan.Zero, 1);
        spec.Retries["DefaultAppRetryPolicy"] = new RetryPolicy("DefaultAppRetryPolicy", false, TimeSpan.FromSeconds(2), TimeSpan.Zero, 5);
        spec.Timeouts["DefaultTimeoutPolicy"] = new TimeoutPolicy("DefaultTimeoutPolicy", TimeSpan.FromSeconds(3));
        spec.AppTargets["orders"] = new AppPolicyNames("quick", null, null);

        var orders = spec.ForApp("orders")!;
        var other = spec.ForApp("catalog")!;

        Assert.Equal(("quick", (TimeSpan?)null), (orders.Retry!.Name, orders.Timeout)); // a named target takes no defaults
        Assert.Equal(("DefaultAppRetryPolicy", (TimeSpan?)TimeSpan.FromSeconds(3)), (other.Retry!.Name, other.Timeout));
        Assert.Null(new ResiliencySpec().ForApp("catalog"));
    }

    [Fact]
    public void Resiliency_resources_load_with_their_breakers_timeouts_matching_and_scopes()
    {
        var dir = Directory.CreateTempSubdirectory("resiliency-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "r.yaml"), """
                apiVersion: dapr.io/v1alpha1
                kind: Resiliency
                metadata:
                  name: r
                spec:
                  policies:
                    timeouts:
                      bare: 250
                      general: 5s
                    retries:
                      matched:
                        policy: constant
                        duration: 100ms
                        maxRetries: 2
                        matching:
                          httpStatusCodes: "429,500-504"
                    circuitBreakers:
                      cb:
                        maxRequests: 2
                        interval: 8s
                        timeout: 45s
                        trip: consecutiveFailures > 8
                  targets:
                    apps:
                      orders:
                        timeout: general
                        retry: matched
                        circuitBreaker: cb
                scopes:
                  - gateway
                """);
            var set = ResourceLoader.Load([dir]);

            var forGateway = set.ResiliencyFor("gateway").ForApp("orders")!;

            Assert.Equal(TimeSpan.FromMilliseconds(250), set.Resiliency.Timeouts["bare"].Timeout); // a bare number is milliseconds, as daprd reads it
            Assert.Equal(TimeSpan.FromSeconds(5), forGateway.Timeout);
            Assert.True(forGateway.Retry!.RetriesStatus(502));
            Assert.False(forGateway.Retry.RetriesStatus(404));
            Assert.Equal((2, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(45), "consecutiveFailures > 8"),
                (forGateway.CircuitBreaker!.MaxRequests, forGateway.CircuitBreaker.Interval, forGateway.CircuitBreaker.Timeout, forGateway.CircuitBreaker.Trip!.Text));
            Assert.Null(set.ResiliencyFor("cart").ForApp("orders"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
