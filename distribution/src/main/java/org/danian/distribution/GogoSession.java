package org.danian.distribution;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo {@code CommandSession} driven from outside the framework.
 *
 * <p>Why reflection: the launcher lives on the class path, and the Gogo API types
 * ({@code org.apache.felix.service.command}) are loaded by the Gogo runtime bundle's class
 * loader. A copy of them on the class path would be a different type and the cast of the
 * service would fail, so the launcher loads the interfaces from the bundle that registered
 * the service and calls their four public methods reflectively. Only the interface methods of
 * Gogo's published API are used, never implementation classes.
 */
final class GogoSession implements AutoCloseable {

    static final String PROCESSOR_TYPE = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION_TYPE = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the level at which the Gogo console prints a result. */
    private static final int INSPECT = 0;

    private final Object session;
    private final Method execute;
    private final Method put;
    private final Method format;
    private final Method close;

    private GogoSession(Object session, Class<?> sessionType) throws NoSuchMethodException {
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.put = sessionType.getMethod("put", String.class, Object.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /**
     * Opens a session on the command processor registered under {@code reference}.
     *
     * @param processor the service object of {@code reference}
     */
    static GogoSession open(ServiceReference<?> reference, Object processor, InputStream in, OutputStream out,
            OutputStream err) throws ReflectiveOperationException {
        Class<?> processorType = reference.getBundle().loadClass(PROCESSOR_TYPE);
        Class<?> sessionType = reference.getBundle().loadClass(SESSION_TYPE);
        Object session = processorType
                .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, in, out, err);
        return new GogoSession(session, sessionType);
    }

    /** Sets a session variable, visible to the command line as {@code ${name}}. */
    void put(String name, Object value) throws Exception {
        invoke(put, name, value);
    }

    /** Parses and runs one command line; throws what the command threw. */
    Object execute(CharSequence commandLine) throws Exception {
        return invoke(execute, commandLine);
    }

    /** Formats a result as the interactive console would print it. */
    CharSequence format(Object result) throws Exception {
        return (CharSequence) invoke(format, result, INSPECT);
    }

    @Override
    public void close() throws Exception {
        invoke(close);
    }

    private Object invoke(Method method, Object... args) throws Exception {
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
