package org.danian.policy.lottery;

import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.ThreadPickerContract;

class LotteryContractTest extends ThreadPickerContract {

    @Override
    protected ThreadPickPolicy policy() {
        return new LotteryPickPolicy(20_240_601L);
    }
}
