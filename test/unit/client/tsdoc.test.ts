// Every export of @bia/client, and every member of an exported interface or class, carries TSDoc; functions and
// methods document their parameters. Read from the sources with the TypeScript compiler, as typedoc would.
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const clientSrc = resolve(__dirname, '../../../client/src');

function documented(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
    return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== '';
}

/** Parameter names of a function-like declaration that no @param tag describes. */
function undocumentedParameters(declaration: ts.Declaration): string[] {
    if (!ts.isFunctionLike(declaration)) {
        return [];
    }
    const tagged = new Set(
        ts
            .getJSDocTags(declaration)
            .filter(ts.isJSDocParameterTag)
            .map((tag) => tag.name.getText()),
    );
    return declaration.parameters.map((p) => p.name.getText()).filter((name) => !tagged.has(name));
}

function ownDeclarations(symbol: ts.Symbol): ts.Declaration[] {
    return (symbol.declarations ?? []).filter((d) => d.getSourceFile().fileName.startsWith(clientSrc));
}

function isPublicMember(declaration: ts.Declaration): boolean {
    const name = (declaration as ts.NamedDeclaration).name;
    return (
        !(name !== undefined && ts.isPrivateIdentifier(name)) &&
        !ts.isConstructorDeclaration(declaration) &&
        !(ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private)
    );
}

/** `Name.member` for each public member of an interface or class without documentation or a @param. */
function undocumentedMembers(owner: string, symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
    const missing: string[] = [];
    for (const member of symbol.members?.values() ?? []) {
        const declarations = ownDeclarations(member);
        if (declarations.length === 0 || !declarations.every(isPublicMember)) {
            continue;
        }
        if (!documented(member, checker)) {
            missing.push(`${owner}.${member.name}`);
        }
        for (const declaration of declarations) {
            missing.push(...undocumentedParameters(declaration).map((p) => `${owner}.${member.name}(@param ${p})`));
        }
    }
    return missing;
}

/** `Name` or `Name.member` for each public thing that lacks documentation. */
function findUndocumented(): string[] {
    const program = ts.createProgram([join(clientSrc, 'index.ts')], {
        strict: true,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        target: ts.ScriptTarget.ES2022,
        noEmit: true,
    });
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(join(clientSrc, 'index.ts'));
    const moduleSymbol = index && checker.getSymbolAtLocation(index);
    if (moduleSymbol === undefined) {
        throw new Error('client/src/index.ts not found');
    }
    const missing: string[] = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const declarations = ownDeclarations(symbol);
        if (declarations.length === 0) {
            continue; // re-exported from @bia/model, documented there
        }
        if (!documented(symbol, checker)) {
            missing.push(exported.name);
        }
        for (const declaration of declarations) {
            missing.push(...undocumentedParameters(declaration).map((p) => `${exported.name}(@param ${p})`));
        }
        if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) {
            missing.push(...undocumentedMembers(exported.name, symbol, checker));
        }
    }
    return missing;
}

describe('TSDoc of the client package', function () {
    this.timeout(60_000);

    it('documents every export, every public member, and every parameter', () => {
        expect(findUndocumented()).to.deep.equal([]);
    });
});
