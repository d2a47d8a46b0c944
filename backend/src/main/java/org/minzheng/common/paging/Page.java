package org.minzheng.common.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** A slice of a list with the cursor of the next slice ({@code null} at the end). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * From rows fetched newest (or otherwise) ordered by a long key, where one row more than {@code limit}
     * was asked for to learn whether a next page exists.
     */
    public static <E, T> Page<T> of(List<E> rowsPlusOne, int limit, ToLongFunction<E> key, Function<E, T> map) {
        boolean more = rowsPlusOne.size() > limit;
        List<E> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? Cursor.encode(key.applyAsLong(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(map).toList(), next);
    }
}
