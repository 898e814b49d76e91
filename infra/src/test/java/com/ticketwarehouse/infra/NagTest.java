package com.ticketwarehouse.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AwsSolutions checks on every stack, the pipeline's stages included: any error or warning not suppressed with a reason fails. */
class NagTest {
    @Test
    void no_stack_has_an_unsuppressed_aws_solutions_finding() {
        List<String> findings = new ArrayList<>();
        for (Stack stack : Synthesized.app().allStacks()) {
            Annotations annotations = Annotations.fromStack(stack);
            for (SynthesisMessage m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add(stack.getStackName() + " error " + m.getId() + ": " + m.getEntry().getData());
            }
            for (SynthesisMessage m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add(stack.getStackName() + " warning " + m.getId() + ": " + m.getEntry().getData());
            }
        }
        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }
}
