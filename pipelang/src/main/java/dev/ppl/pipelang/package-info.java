/**
 * pipelang, the type language of ppl: the types of component inputs, outputs and config parameters
 * ({@link dev.ppl.pipelang.Type}, parsed by {@link dev.ppl.pipelang.Types}), the literals that give parameters their
 * values ({@link dev.ppl.pipelang.Literal}, parsed by {@link dev.ppl.pipelang.Literals}), the check that a literal has
 * its declared type ({@link dev.ppl.pipelang.Check}) and the unification that decides whether an output may feed an
 * input ({@link dev.ppl.pipelang.Unifier}, {@link dev.ppl.pipelang.Substitution}).
 *
 * <p>
 * Plain Java without dependencies, so that the services and the CLI share one definition of the language.
 */
package dev.ppl.pipelang;
