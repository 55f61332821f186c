package dev.microjobs.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.microjobs.local.template.FunctionDef;
import dev.microjobs.local.template.PseudoParameters;

/** The {@link Context} of one invocation: a fresh request id and a deadline from the function's {@code Timeout}. */
final class LocalContext implements Context {

    private final FunctionDef function;
    private final PseudoParameters account;
    private final String requestId;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    LocalContext(FunctionDef function, PseudoParameters account, String requestId, long startMillis, LambdaLogger logger) {
        this.function = function;
        this.account = account;
        this.requestId = requestId;
        this.deadlineMillis = startMillis + function.timeoutSeconds() * 1000L;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + account.region() + ":" + account.accountId() + ":function:" + function.logicalId();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
