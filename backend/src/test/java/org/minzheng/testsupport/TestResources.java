package org.minzheng.testsupport;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Test resources every @QuarkusTest shares: the wechat-sim process. */
@WithTestResource(value = WeChatSim.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {

    private TestResources() {
    }
}
