package org.danian.policy.caladan;

import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.ThreadPickerContract;

class CaladanContractTest extends ThreadPickerContract {

    @Override
    protected ThreadPickPolicy policy() {
        return new CaladanPickPolicy();
    }
}
